using Microsoft.Bot.Connector.Authentication;
using Microsoft.Rest;

namespace BriefingBot.TestKit;

/// <summary>
/// Outbound credentials for one app id that carry a fixed bearer token. It stands in for the Microsoft login
/// service (outside this machine; MSAL cannot be pointed at a loopback authority), so a test can follow a reply
/// from an authenticated turn all the way to the connector.
/// </summary>
public sealed class FixedTokenCredentialsFactory(string appId, string token) : ServiceClientCredentialsFactory
{
    public override Task<bool> IsValidAppIdAsync(string appId1, CancellationToken cancellationToken) => Task.FromResult(appId1 == appId);

    public override Task<bool> IsAuthenticationDisabledAsync(CancellationToken cancellationToken) => Task.FromResult(false);

    public override Task<ServiceClientCredentials> CreateCredentialsAsync(string appId1, string audience, string loginEndpoint, bool validateAuthority, CancellationToken cancellationToken) =>
        Task.FromResult<ServiceClientCredentials>(new TokenCredentials(token));
}
