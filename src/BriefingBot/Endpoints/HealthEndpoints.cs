using BriefingBot.Core.Storage;

namespace BriefingBot.Endpoints;

internal static class HealthEndpoints
{
    /// <summary>GET /healthz: 200 with the article count when the store answers, 503 otherwise.</summary>
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", async (IArticleStore store, CancellationToken cancellationToken) =>
        {
            try
            {
                var articles = await store.CountAsync(cancellationToken).ConfigureAwait(false);
                return Results.Ok(new { status = "ok", articles });
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                return Results.Json(new { status = "unavailable", error = ex.Message }, statusCode: StatusCodes.Status503ServiceUnavailable);
            }
        });
        return app;
    }
}
