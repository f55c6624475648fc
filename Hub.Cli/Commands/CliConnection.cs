using Microsoft.AspNetCore.Http.Connections;
using RealtimeHub.Client;

namespace RealtimeHub.Cli.Commands;

/// <summary>Where and how a command connects: <c>--server</c>, <c>--user</c>, <c>--transport</c>, <c>--protocol</c>.</summary>
internal sealed record CliConnection(Uri Server, string User, HttpTransportType Transports, ChatProtocol Protocol);
