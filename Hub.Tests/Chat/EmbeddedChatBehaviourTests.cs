using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Chat;

/// <summary>The hub contract on one embedded node.</summary>
public sealed class EmbeddedChatBehaviourTests(EmbeddedCluster cluster)
    : ChatBehaviourTests<EmbeddedCluster>(cluster), IClassFixture<EmbeddedCluster>;
