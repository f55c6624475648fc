using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RealtimeHub.Server.Authentication;
using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Authentication;

/// <summary>What a connection keeps of its token once validated: the subject and name, not the token or its other claims.</summary>
public sealed class HubPrincipalTests(EmbeddedNodeFixture fixture) : IClassFixture<EmbeddedNodeFixture>
{
    [Fact]
    public async Task AValidatedTokenLeavesAPrincipalWithOnlyItsSubjectAndName()
    {
        var context = await ValidateAsync(new("sub", "alice"), new("name", "Alice A."), new("role", "admin"), new("jti", "42"), new("exp", "1795327191"));

        Assert.Null(context.Result); // not failed
        Assert.Equal([("sub", "alice"), ("name", "Alice A.")], context.Principal!.Claims.Select(c => (c.Type, c.Value)));
        Assert.Equal("Alice A.", context.Principal.Identity!.Name);
        Assert.True(context.Principal.Identity.IsAuthenticated);
        Assert.Equal(("alice", "Alice A."), (context.Principal.ToPresence().UserId, context.Principal.ToPresence().Name));
    }

    [Fact]
    public async Task WithoutANameTheSubjectNamesTheUser()
    {
        var context = await ValidateAsync(new Claim("sub", "bob"));

        Assert.Equal(["sub"], context.Principal!.Claims.Select(c => c.Type));
        Assert.Equal("bob", context.Principal.ToPresence().Name);
    }

    [Fact]
    public async Task ATokenWithoutAValidSubjectStillFails()
    {
        var context = await ValidateAsync(new Claim("name", "nobody"));

        Assert.NotNull(context.Result?.Failure);
    }

    private async Task<TokenValidatedContext> ValidateAsync(params Claim[] claims)
    {
        var options = fixture.Node.Services.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>().Get(JwtBearerDefaults.AuthenticationScheme);
        var scheme = new AuthenticationScheme(JwtBearerDefaults.AuthenticationScheme, null, typeof(JwtBearerHandler));
        var context = new TokenValidatedContext(new DefaultHttpContext(), scheme, options)
        {
            Principal = new ClaimsPrincipal(new ClaimsIdentity(claims, "test", "name", "role")),
        };
        await options.Events.TokenValidated(context);
        return context;
    }
}
