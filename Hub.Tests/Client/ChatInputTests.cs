using RealtimeHub.Cli.Chat;

namespace RealtimeHub.Tests.Client;

public sealed class ChatInputTests
{
    [Theory]
    [InlineData("hello there", ChatInputKind.Say, null, "hello there", 0)]
    [InlineData("//not a command", ChatInputKind.Say, null, "/not a command", 0)]
    [InlineData("/join lobby", ChatInputKind.Join, "lobby", null, 0)]
    [InlineData("/leave", ChatInputKind.Leave, null, null, 0)]
    [InlineData("/leave lobby", ChatInputKind.Leave, "lobby", null, 0)]
    [InlineData("/who", ChatInputKind.Who, null, null, 0)]
    [InlineData("/msg bob see you  at 5", ChatInputKind.Msg, "bob", "see you  at 5", 0)]
    [InlineData("/history", ChatInputKind.History, null, null, 20)]
    [InlineData("/history 7", ChatInputKind.History, null, null, 7)]
    [InlineData("/QUIT", ChatInputKind.Quit, null, null, 0)]
    public void LinesAreParsedIntoCommands(string line, ChatInputKind kind, string? target, string? text, int count)
    {
        Assert.Equal(new ChatInput(kind, target, text, count), ChatInput.Parse(line));
    }

    [Theory]
    [InlineData("/join")]
    [InlineData("/msg bob")]
    [InlineData("/history -3")]
    [InlineData("/history lots")]
    [InlineData("/dance")]
    public void MalformedCommandsAreReportedWithTheUsage(string line)
    {
        var input = ChatInput.Parse(line);

        Assert.Equal(ChatInputKind.Invalid, input.Kind);
        Assert.Contains("/join ROOM", input.Text);
    }
}
