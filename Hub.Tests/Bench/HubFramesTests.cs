using System.Text;
using RealtimeHub.Cli.Bench.Wire;

namespace RealtimeHub.Tests.Bench;

/// <summary>The generator reads the few protocol fields it needs straight from the bytes.</summary>
public sealed class HubFramesTests
{
    [Fact]
    public void AnInvocationIsOneJsonRecordEndingWithTheSeparator()
    {
        var frame = Encoding.UTF8.GetString(HubFrames.Invocation(7, "SendMessage", "room", "hello", "c.1"));

        Assert.Equal("""{"type":1,"invocationId":"7","target":"SendMessage","arguments":["room","hello","c.1"]}""" + "\u001e", frame);
    }

    [Fact]
    public void AStreamInvocationCarriesItsArgumentsAsGivenJson()
    {
        var frame = Encoding.UTF8.GetString(HubFrames.StreamInvocation(1, "Watch", """["quotes",["SYM001"],2]"""));

        Assert.Equal("""{"type":4,"invocationId":"1","target":"Watch","arguments":["quotes",["SYM001"],2]}""" + "\u001e", frame);
        Assert.Equal(HubFrames.StreamItemType, HubFrames.TypeOf("""{"type":2,"invocationId":"1","item":{}}"""u8));
    }

    [Fact]
    public void ACompletionsIdAndResultAreRead()
    {
        var record = """{"type":3,"invocationId":"42","result":"payload"}"""u8;

        Assert.True(HubFrames.TryReadCompletion(record, out var id, out var isError));
        Assert.Equal((42L, false), (id, isError));
        Assert.Equal("\"payload\"", Encoding.UTF8.GetString(HubFrames.Result(record)));
        Assert.Equal(HubFrames.CompletionType, HubFrames.TypeOf(record));
    }

    [Fact]
    public void ACompletionWithAnErrorIsRecognisedEvenWhenTheResultTextMentionsErrors()
    {
        var failed = """{"type":3,"invocationId":"5","error":"not in room: r"}"""u8;
        var succeeded = """{"type":3,"invocationId":"6","result":{"text":"\"error\":"}}"""u8;

        Assert.True(HubFrames.TryReadCompletion(failed, out _, out var failedIsError));
        Assert.True(HubFrames.TryReadCompletion(succeeded, out _, out var succeededIsError));
        Assert.Equal((true, false), (failedIsError, succeededIsError));
        Assert.Equal("not in room: r", HubFrames.ErrorText(failed));
    }

    [Fact]
    public void TheClientMessageIdOfADeliveryIsTheLastOneInTheRecord()
    {
        var record = """{"type":1,"target":"MessageReceived","arguments":[{"text":"x","clientMessageId":"room500.17"}]}"""u8;

        Assert.Equal("room500.17", Encoding.UTF8.GetString(HubFrames.LastStringValue(record, "\"clientMessageId\":\""u8)));
        Assert.Equal(HubFrames.InvocationType, HubFrames.TypeOf(record));
    }

    [Fact]
    public void ARecordWithoutAnIdIsNotACompletionOfOurs()
    {
        Assert.False(HubFrames.TryReadCompletion("""{"type":6}"""u8, out _, out _));
        Assert.Equal(-1, HubFrames.TypeOf("{}"u8));
    }
}
