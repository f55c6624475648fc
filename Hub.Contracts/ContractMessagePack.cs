using MessagePack;
using MessagePack.Resolvers;
using Microsoft.AspNetCore.SignalR;
using RealtimeHub.Contracts.Internal;

namespace RealtimeHub.Contracts;

/// <summary>
/// SignalR's MessagePack options with one change: the shapes of this assembly (<see cref="ChatMessage"/>,
/// <see cref="Live.FeedBatch"/>, …) carry the JSON protocol's names (<c>senderId</c>, not <c>SenderId</c>), so one
/// client code path reads both protocols. Everything else is SignalR's default: enums as strings, every other type
/// contractless, times as MessagePack timestamps, dictionaries (a notification's data, a feed's value) with their keys
/// exactly as sent, and the untrusted-data security settings.
/// </summary>
/// <example>
/// <code>services.AddSignalR().AddMessagePackProtocol(ContractMessagePack.Configure);</code>
/// <code>new HubConnectionBuilder().WithUrl(url).AddMessagePackProtocol(ContractMessagePack.Configure);</code>
/// </example>
public static class ContractMessagePack
{
    /// <summary>
    /// SignalR's default resolvers (<c>DynamicEnumAsStringResolver</c>, then <c>ContractlessStandardResolver</c>) with
    /// the contract resolver between them, on <see cref="MessagePackSerializerOptions.Standard"/> with
    /// <see cref="MessagePackSecurity.UntrustedData"/>.
    /// </summary>
    public static MessagePackSerializerOptions SerializerOptions { get; } = MessagePackSerializerOptions.Standard
        .WithResolver(CompositeResolver.Create(
            DynamicEnumAsStringResolver.Instance,
            ContractResolver.Instance,
            ContractlessStandardResolver.Instance))
        .WithSecurity(MessagePackSecurity.UntrustedData);

    /// <summary>For <c>AddMessagePackProtocol(ContractMessagePack.Configure)</c> on the server and on a client.</summary>
    public static void Configure(MessagePackHubProtocolOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.SerializerOptions = SerializerOptions;
    }
}
