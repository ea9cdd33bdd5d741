using System.Net;
using System.Security.Cryptography;
using BriefingBot.Core.Storage;
using BriefingBot.Dialogs;
using BriefingBot.TestKit;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Extensions.DependencyInjection;

namespace BriefingBot.IntegrationTests;

/// <summary>
/// With an app id configured, Bot Framework JWTs are validated for real against a loopback OpenID metadata +
/// JWKS server that stands in for the Bot Framework login service.
/// </summary>
public sealed class AuthenticationTests : IAsyncLifetime
{
    private const string AppId = "9d1c7b1e-3c55-4a4e-9a0c-2d7d7b3e5a11";
    private LoopbackOpenIdServer _openId = null!;
    private LoopbackConnector _connector = null!;
    private RunningHost _host = null!;

    public async Task InitializeAsync()
    {
        _openId = await LoopbackOpenIdServer.StartAsync();
        _connector = await LoopbackConnector.StartAsync();
        _host = await RunningHost.StartAsync(Settings(_openId.MetadataUrl), UseFixedOutboundToken);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _connector.DisposeAsync();
        await _openId.DisposeAsync();
    }

    private const string BotToken = "outbound-token-for-the-connector";

    private static void UseFixedOutboundToken(IServiceCollection services) =>
        services.AddSingleton<ServiceClientCredentialsFactory>(new FixedTokenCredentialsFactory(AppId, BotToken));

    private static Dictionary<string, string?> Settings(string metadataUrl) => new()
    {
        ["Bot:ToChannelFromBotLoginUrl"] = "https://login.botframework.test/botframework.com",
        ["Bot:ToChannelFromBotOAuthScope"] = "https://api.botframework.test",
        ["Bot:OAuthUrl"] = "https://api.botframework.test",
        ["Bot:CallerId"] = "urn:botframework:test",
        ["Bot:MicrosoftAppType"] = "MultiTenant",
        ["Bot:MicrosoftAppId"] = AppId,
        ["Bot:MicrosoftAppPassword"] = "not-a-real-secret",
        ["Bot:ToBotFromChannelOpenIdMetadataUrl"] = metadataUrl,
        ["Bot:ToBotFromEmulatorOpenIdMetadataUrl"] = metadataUrl,
        ["Bot:ToBotFromChannelTokenIssuer"] = LoopbackOpenIdServer.Issuer,
    };

    private async Task<bool> TurnRanAsync(string conversationId)
    {
        var documents = _host.Services.GetRequiredService<IDocumentStore>();
        var stored = await documents.ReadAsync([BriefingActivityHandler.ReferenceKey("test", conversationId)]);
        return stored.Count == 1;
    }

    private object Message(string conversationId) => Activities.Message("help", _connector.ServiceUrl, conversationId, channelId: "test");

    [Fact]
    public async Task ItAcceptsATokenSignedForThisAppByTheChannel()
    {
        var token = _openId.CreateToken(AppId, _connector.ServiceUrl);

        var response = await Activities.PostAsync(_host.Client, Message("signed"), token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = await _connector.NextMessageAsync();
        Assert.StartsWith("I'm BriefingBot.", reply.Text, StringComparison.Ordinal);
        Assert.Equal("Bearer " + BotToken, reply.Authorization);
        Assert.True(await TurnRanAsync("signed"));
    }

    [Fact]
    public async Task ItRefusesARequestWithoutAToken()
    {
        var response = await Activities.PostAsync(_host.Client, Message("anonymous"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.False(await TurnRanAsync("anonymous"));
    }

    [Fact]
    public async Task ItRefusesATokenSignedWithAnotherKey()
    {
        using var otherKey = RSA.Create(2048);
        var token = _openId.CreateToken(AppId, _connector.ServiceUrl, signWith: otherKey);

        var response = await Activities.PostAsync(_host.Client, Message("forged"), token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.False(await TurnRanAsync("forged"));
    }

    [Fact]
    public async Task ItRefusesATokenForAnotherApp()
    {
        var token = _openId.CreateToken("00000000-0000-0000-0000-000000000001", _connector.ServiceUrl);

        var response = await Activities.PostAsync(_host.Client, Message("other-app"), token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.False(await TurnRanAsync("other-app"));
    }

    [Fact]
    public async Task ItRefusesAnExpiredToken()
    {
        var token = _openId.CreateToken(AppId, _connector.ServiceUrl, expires: DateTime.UtcNow.AddHours(-1));

        var response = await Activities.PostAsync(_host.Client, Message("expired"), token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.False(await TurnRanAsync("expired"));
    }

    [Fact]
    public async Task ItRefusesGarbageInTheAuthorizationHeader()
    {
        var response = await Activities.PostAsync(_host.Client, Message("garbage"), "not.a.token");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task ItFailsClosedWhenTheSigningKeysCannotBeFetched()
    {
        // A port nothing listens on stands for the login service being unreachable, as it is on these machines.
        await using var host = await RunningHost.StartAsync(Settings("https://127.0.0.1:9/.well-known/openidconfiguration"), UseFixedOutboundToken);
        var token = _openId.CreateToken(AppId, _connector.ServiceUrl);

        var response = await Activities.PostAsync(host.Client, Message("unreachable"), token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.Client.GetAsync("/healthz")).StatusCode);
    }
}
