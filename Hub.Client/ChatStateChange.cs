namespace RealtimeHub.Client;

/// <summary>What <see cref="ChatClient.StateChanged"/> reports.</summary>
/// <param name="State">The state entered.</param>
/// <param name="Attempt">For <see cref="ChatConnectionState.Reconnecting"/>: the attempt about to be made, from 1; otherwise 0.</param>
/// <param name="RetryDelay">For <see cref="ChatConnectionState.Reconnecting"/>: how long until that attempt.</param>
/// <param name="Error">Why the connection was lost or closed, when known.</param>
public sealed record ChatStateChange(ChatConnectionState State, int Attempt = 0, TimeSpan? RetryDelay = null, Exception? Error = null);
