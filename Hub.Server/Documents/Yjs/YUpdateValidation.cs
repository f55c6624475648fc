namespace RealtimeHub.Server.Documents.Yjs;

/// <summary>The verdict on bytes offered as a Yjs v1 update: valid, or the first thing wrong and where.</summary>
/// <param name="Error">What is wrong; <see cref="YUpdateError.None"/> when the update is valid.</param>
/// <param name="Offset">The byte at which the reader found it (0 when valid).</param>
public readonly record struct YUpdateValidation(YUpdateError Error, int Offset)
{
    /// <summary>The verdict on a valid update.</summary>
    public static YUpdateValidation Valid => default;

    /// <summary>Whether the bytes are a valid update.</summary>
    public bool IsValid => Error == YUpdateError.None;

    /// <summary>For logs: "valid", or the error and its offset (never the update's content).</summary>
    public override string ToString() => IsValid ? "valid" : $"{Error} at byte {Offset}";
}
