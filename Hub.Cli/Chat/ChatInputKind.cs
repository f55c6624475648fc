namespace RealtimeHub.Cli.Chat;

/// <summary>What a line typed into <c>chat</c> asks for.</summary>
public enum ChatInputKind
{
    /// <summary>Plain text: send it to the current room.</summary>
    Say,
    Join,
    Leave,
    Who,
    Msg,
    History,
    Help,
    Quit,

    /// <summary>A command that could not be understood; <see cref="ChatInput.Text"/> says why.</summary>
    Invalid,
}
