using Weft.Samples.Http;

namespace Weft.Samples.Failure;

/// <summary>
/// Fails the service's own requests while the switch is on. Health and admin paths always
/// answer: the lab wants a live instance that serves errors (what outlier detection ejects),
/// not a dead one that a health check would restart.
/// </summary>
public sealed class FailureMiddleware(RequestDelegate next, FailureSwitch failure, Hosting.Instance instance)
{
    public Task InvokeAsync(HttpContext ctx)
    {
        if (IsExempt(ctx.Request.Path) || failure.Decide() is not { } status)
            return next(ctx);
        var mode = failure.Mode;
        ctx.Response.StatusCode = status;
        return ctx.Response.WriteJsonAsync(
            new ErrorBody($"{instance} failed on purpose: its failure switch answers {mode.Status} to {mode.Percent}% of requests (DELETE /admin/fail stops it)"),
            SampleJson.Default.ErrorBody, ctx.RequestAborted);
    }

    private static bool IsExempt(PathString path) =>
        path.StartsWithSegments("/healthz") || path.StartsWithSegments("/health") || path.StartsWithSegments("/admin");
}
