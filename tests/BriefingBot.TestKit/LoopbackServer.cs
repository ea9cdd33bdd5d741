using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BriefingBot.TestKit;

/// <summary>Starts a small Kestrel app on a free loopback port, for the fakes of services outside this machine.</summary>
public static class LoopbackServer
{
    /// <param name="map">Maps the endpoints.</param>
    /// <param name="listen">Sets the listener; plain HTTP on 127.0.0.1 with a free port when null.</param>
    /// <returns>The running app and its base address.</returns>
    public static async Task<(WebApplication App, string BaseUrl)> StartAsync(Action<WebApplication> map, Action<IWebHostBuilder>? listen = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        if (listen is null)
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
        }
        else
        {
            listen(builder.WebHost);
        }

        builder.Logging.ClearProviders();
        var app = builder.Build();
        map(app);
        await app.StartAsync();
        return (app, app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    public static async ValueTask StopAsync(WebApplication? app)
    {
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
