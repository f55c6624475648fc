using Microsoft.AspNetCore.SignalR;
using RealtimeHub.Contracts;

namespace RealtimeHub.Tests.Rooms;

/// <summary>
/// A test-only hub filter, innermost (after the room access check): holds a <c>SendMessage</c> whose text is
/// <see cref="HeldText"/> until <see cref="Release"/>, so a test can revoke while a send that passed its check is in flight.
/// </summary>
public sealed class HeldSendFilter : IHubFilter
{
    public const string HeldText = "held between check and store";

    private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once a held send has passed the access check and is waiting here.</summary>
    public Task Reached => _reached.Task;

    public void Release() => _released.TrySetResult();

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        if (invocationContext.HubMethodName == nameof(IChatHub.SendMessage) && invocationContext.HubMethodArguments[1] as string == HeldText)
        {
            _reached.TrySetResult();
            await _released.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }

        return await next(invocationContext);
    }
}
