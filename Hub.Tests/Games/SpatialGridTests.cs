using RealtimeHub.Server.Games;
using RealtimeHub.Server.Games.Internal;

namespace RealtimeHub.Tests.Games;

public sealed class SpatialGridTests
{
    [Theory]
    [InlineData(1, 300)]
    [InlineData(2, 50)]
    [InlineData(3, 1_000)]
    public void TheGridFindsExactlyWhatABruteForceScanFindsInRandomWorlds(int seed, double cellSize)
    {
        var random = new Random(seed);
        var entities = new MatchEntities(cellSize);
        var world = new Dictionary<string, (double X, double Y)?>(); // null: an entity without a position
        for (var round = 0; round < 40; round++)
        {
            Mutate(random, entities, world);
            for (var query = 0; query < 25; query++)
            {
                var view = new MatchView(Coordinate(random), Coordinate(random), random.NextDouble() * 700);
                var found = new List<EntityEntry>();
                entities.Query(view, found);

                Assert.Equal(BruteForce(world, view), found.Select(e => e.Id).Order(StringComparer.Ordinal));
            }
        }
    }

    [Fact]
    public void AnEntityOnTheEdgeOfTheViewIsInItAndOneJustPastIsNot()
    {
        var entities = new MatchEntities(300);
        entities.Set("edge", 300, 0, "e");
        entities.Set("past", 0, -300.0001, "p");
        var found = new List<EntityEntry>();

        entities.Query(new MatchView(0, 0, 300), found);

        Assert.Equal(["edge"], found.Select(e => e.Id));
    }

    /// <summary>Adds, moves (across cells, and between placed and not), re-sets and removes entities at random.</summary>
    private static void Mutate(Random random, MatchEntities entities, Dictionary<string, (double X, double Y)?> world)
    {
        for (var change = 0; change < 60; change++)
        {
            var id = "e" + random.Next(150);
            switch (random.Next(6))
            {
                case 0:
                    entities.Remove(id);
                    world.Remove(id);
                    break;
                case 1:
                    entities.Set(id, id);
                    world[id] = null;
                    break;
                default:
                    var (x, y) = (Coordinate(random), Coordinate(random));
                    entities.Set(id, x, y, id + random.Next(3));
                    world[id] = (x, y);
                    break;
            }
        }
    }

    private static IEnumerable<string> BruteForce(Dictionary<string, (double X, double Y)?> world, MatchView view) =>
        world.Where(e => e.Value is not { } p || ((p.X - view.X) * (p.X - view.X)) + ((p.Y - view.Y) * (p.Y - view.Y)) <= view.Radius * view.Radius)
            .Select(e => e.Key)
            .Order(StringComparer.Ordinal);

    /// <summary>Mostly inside a 1000-unit field, sometimes outside it (negative cells).</summary>
    private static double Coordinate(Random random) => (random.NextDouble() * 1_400) - 200;
}
