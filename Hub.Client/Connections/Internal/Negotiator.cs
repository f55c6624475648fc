using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace RealtimeHub.Client.Connections.Internal;

/// <summary>Runs <c>POST {hub}/negotiate?negotiateVersion=1</c> and checks that WebSockets are on offer.</summary>
internal sealed class Negotiator(HttpClient http, WebSocketConnectionOptions options, ILogger logger)
{
    private const string WebSocketsTransport = "WebSockets";

    public async Task<NegotiationResponse> NegotiateAsync(Uri hubUrl, string? accessToken, CancellationToken cancellationToken)
    {
        var negotiateUrl = UrlBuilder.Negotiate(hubUrl);
        WebSocketConnectionLog.Negotiating(logger, negotiateUrl);

        using var request = new HttpRequestMessage(HttpMethod.Post, negotiateUrl) { Content = new ByteArrayContent([]) };
        foreach (var (name, value) in options.Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        if (!string.IsNullOrEmpty(accessToken))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.NegotiateTimeout);
        using var response = await http.SendAsync(request, timeout.Token).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            // Callers (and HubConnection's reconnect loop) branch on StatusCode, 401 in particular.
            throw new HttpRequestException(
                $"Negotiation with '{negotiateUrl}' failed: {(int)response.StatusCode} {response.ReasonPhrase}.",
                inner: null,
                response.StatusCode);
        }

        var negotiation = await response.Content
            .ReadFromJsonAsync<NegotiationResponse>(JsonSerializerOptions.Web, timeout.Token)
            .ConfigureAwait(false)
            ?? throw new InvalidDataException($"Negotiation with '{negotiateUrl}' returned an empty body.");
        return Validate(negotiation, negotiateUrl);
    }

    private NegotiationResponse Validate(NegotiationResponse negotiation, Uri negotiateUrl)
    {
        if (!string.IsNullOrEmpty(negotiation.Error))
        {
            throw new InvalidOperationException($"Negotiation with '{negotiateUrl}' was refused: {negotiation.Error}");
        }

        if (!string.IsNullOrEmpty(negotiation.Url))
        {
            throw new NotSupportedException($"Negotiation with '{negotiateUrl}' redirected to another service, which this transport does not follow.");
        }

        if (string.IsNullOrEmpty(negotiation.ConnectionKey))
        {
            throw new InvalidDataException($"Negotiation with '{negotiateUrl}' returned no connection id.");
        }

        var format = options.TransferFormat.ToString();
        var offersWebSockets = negotiation.AvailableTransports?.Any(t =>
            string.Equals(t.Transport, WebSocketsTransport, StringComparison.OrdinalIgnoreCase)
            && (t.TransferFormats?.Contains(format, StringComparer.OrdinalIgnoreCase) ?? false)) ?? false;
        if (!offersWebSockets)
        {
            throw new InvalidOperationException(
                $"The server at '{negotiateUrl}' does not offer WebSockets with {format} frames, the only transport this client has.");
        }

        WebSocketConnectionLog.Negotiated(logger, negotiation.ConnectionId ?? "", negotiation.NegotiateVersion);
        return negotiation;
    }
}
