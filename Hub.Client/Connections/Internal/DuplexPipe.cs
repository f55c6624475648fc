using System.IO.Pipelines;

namespace RealtimeHub.Client.Connections.Internal;

/// <summary>One reader and one writer presented as an <see cref="IDuplexPipe"/>.</summary>
internal sealed class DuplexPipe(PipeReader input, PipeWriter output) : IDuplexPipe
{
    public PipeReader Input { get; } = input;

    public PipeWriter Output { get; } = output;
}
