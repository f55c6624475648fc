using System.Net.Security;
using System.Net.Sockets;

namespace RealtimeHub.Server.Redis.Internal;

/// <summary>Opens the byte stream to Redis: TCP (no Nagle, OS keep-alive), then TLS when configured.</summary>
internal static class RedisStreamFactory
{
    public static async Task<Stream> OpenAsync(RedisConnectionSettings settings, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
        try
        {
            await socket.ConnectAsync(settings.Host, settings.Port, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        Stream stream = new NetworkStream(socket, ownsSocket: true);
        if (!settings.Ssl)
        {
            return stream;
        }

        var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
        try
        {
            await ssl.AuthenticateAsClientAsync(
                new SslClientAuthenticationOptions
                {
                    TargetHost = settings.SslHost ?? settings.Host,
                    RemoteCertificateValidationCallback = settings.CertificateValidation,
                },
                cancellationToken).ConfigureAwait(false);
            return ssl;
        }
        catch
        {
            await ssl.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
