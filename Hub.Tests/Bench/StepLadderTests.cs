using RealtimeHub.Cli.Bench;

namespace RealtimeHub.Tests.Bench;

/// <summary>The rate ladder every stepped scenario climbs (<see cref="Load.RunStepsAsync"/>), driven by scripted outcomes.</summary>
public sealed class StepLadderTests
{
    [Fact]
    public async Task ClimbsWhilePassingThenRefinesBetweenTheLastPassAndTheFailure()
    {
        var ran = await RunAsync(rate => rate < 400, quick: false, 100, 200, 400, 800);

        // 400 fails three times in a full run, then one step at sqrt(200 × 400) ≈ 283; 800 is never tried.
        Assert.Equal([100, 200, 400, 400, 400, 283], ran);
    }

    [Fact]
    public async Task AFailureFollowedByAPassAtTheSameRateKeepsClimbing()
    {
        var outcomes = new Queue<bool>([true, false, true, false, false, false]);

        var ran = await RunAsync(_ => outcomes.Dequeue(), quick: false, 100, 200, 400);

        Assert.Equal([100, 200, 200, 400, 400, 400, 283], ran);
    }

    [Fact]
    public async Task QuickRunsRetryOnlyUntilTheFirstPass()
    {
        var outcomes = new Queue<bool>([false, true, false, true]);

        var ran = await RunAsync(_ => outcomes.Dequeue(), quick: true, 100, 200, 400);

        // 100 fails, passes on its retry; 200 then fails once and ends the ladder with the refinement step (141).
        Assert.Equal([100, 100, 200, 141], ran);
    }

    [Fact]
    public async Task NoRefinementWhenTheFirstRateNeverPasses()
    {
        var ran = await RunAsync(_ => false, quick: true, 100, 200);

        Assert.Equal([100, 100], ran);
    }

    private static async Task<List<double>> RunAsync(Func<double, bool> passesAt, bool quick, params double[] rates)
    {
        var ran = new List<double>();
        await Load.RunStepsAsync(
            rates,
            (rate, step) =>
            {
                Assert.Equal(ran.Count, step); // steps are numbered in the order they run
                ran.Add(rate);
                return Task.FromResult(new BenchRecord().Set("rate", rate));
            },
            record => passesAt(record.Number("rate")!.Value),
            quick);
        return ran;
    }
}
