namespace RealtimeHub.Server.Documents.Yjs.Internal;

/// <summary>
/// Thrown inside the reader where an update stops being valid, and caught once in <see cref="UpdateParser"/>: the
/// refusal path is rare, and the reading code stays a plain transcription of the format. Never leaves the reader.
/// </summary>
internal sealed class YUpdateFormatException(YUpdateError error, int offset) : Exception
{
    public YUpdateError Error { get; } = error;

    public int Offset { get; } = offset;
}
