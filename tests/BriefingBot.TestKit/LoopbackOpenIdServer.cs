using System.IdentityModel.Tokens.Jwt;
using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.Tokens;

namespace BriefingBot.TestKit;

/// <summary>
/// Stands in for the Bot Framework login service on 127.0.0.1: OpenID metadata and a JWKS with one RSA key
/// (endorsed for every channel), and a way to sign channel tokens with that key.
/// </summary>
public sealed class LoopbackOpenIdServer : IAsyncDisposable
{
    public const string Issuer = "https://api.botframework.test";
    private WebApplication? _app;
    private readonly RSA _key = RSA.Create(2048);
    private readonly string _keyId = "test-key-" + Guid.NewGuid().ToString("N")[..8];


    public string MetadataUrl { get; private set; } = string.Empty;

    public static async Task<LoopbackOpenIdServer> StartAsync()
    {
        // Bot Builder only fetches OpenID metadata over HTTPS, with its own static HttpClient, so this server has a
        // self-signed certificate that is trusted for the test's lifetime through the current user's Root store
        // (which .NET trusts on Linux), and removed again on dispose.
        var certificate = CreateCertificate();
        using (var root = new X509Store(StoreName.Root, StoreLocation.CurrentUser))
        {
            root.Open(OpenFlags.ReadWrite);
            using var publicPart = X509CertificateLoader.LoadCertificate(certificate.Export(X509ContentType.Cert));
            root.Add(publicPart);
        }

        var server = new LoopbackOpenIdServer { Certificate = certificate };
        var (app, baseUrl) = await LoopbackServer.StartAsync(
            server.Map,
            web =>
            {
                web.UseKestrelHttpsConfiguration();
                web.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate)));
            });
        server._app = app;
        server.BaseUrl = baseUrl;
        server.MetadataUrl = $"{baseUrl}/.well-known/openidconfiguration";
        return server;
    }

    private void Map(WebApplication app)
    {
        var server = this;
        app.MapGet("/.well-known/openidconfiguration", (HttpContext http) => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = Issuer,
            ["authorization_endpoint"] = $"{server.BaseUrl}/authorize",
            ["jwks_uri"] = $"{server.BaseUrl}/keys",
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            ["token_endpoint_auth_methods_supported"] = new[] { "private_key_jwt" },
        }));
        app.MapGet("/keys", () =>
        {
            var parameters = server._key.ExportParameters(false);
            return Results.Json(new
            {
                keys = new[]
                {
                    new Dictionary<string, object>
                    {
                        ["kty"] = "RSA",
                        ["use"] = "sig",
                        ["kid"] = server._keyId,
                        ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
                        ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
                        ["endorsements"] = new[] { "msteams", "emulator", "webchat", "directline", "slack", "test" },
                    },
                },
            });
        });
    }

    public string BaseUrl { get; private set; } = string.Empty;

    public X509Certificate2 Certificate { get; private init; } = null!;

    private static X509Certificate2 CreateCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
    }

    /// <summary>A channel token as the Bot Connector service would send it.</summary>
    public string CreateToken(string audience, string serviceUrl, DateTime? expires = null, RSA? signWith = null, string issuer = Issuer)
    {
        var key = new RsaSecurityKey(signWith ?? _key) { KeyId = _keyId };
        var handler = new JwtSecurityTokenHandler();
        var notBefore = (expires ?? DateTime.UtcNow.AddHours(1)).AddHours(-2);
        var token = handler.CreateJwtSecurityToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Subject = new ClaimsIdentity([new Claim("serviceurl", serviceUrl)]),
            NotBefore = notBefore,
            IssuedAt = notBefore,
            Expires = expires ?? DateTime.UtcNow.AddHours(1),
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        });
        return handler.WriteToken(token);
    }

    public async ValueTask DisposeAsync()
    {
        _key.Dispose();
        await LoopbackServer.StopAsync(_app);
        using (var root = new X509Store(StoreName.Root, StoreLocation.CurrentUser))
        {
            root.Open(OpenFlags.ReadWrite);
            foreach (var trusted in root.Certificates.Find(X509FindType.FindByThumbprint, Certificate.Thumbprint, validOnly: false))
            {
                root.Remove(trusted);
            }
        }

        Certificate.Dispose();
    }
}
