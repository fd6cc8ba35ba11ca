using System.Text.Json;
using System.Text.Json.Nodes;
using Weft.Samples.Hosting;
using Weft.Samples.Http;

namespace Weft.Samples.Failure;

/// <summary>
/// <c>GET|POST|DELETE /admin/fail</c> (the failure switch) and <c>GET /healthz</c>, on every service.
/// POST takes <c>{"status":503,"percent":100}</c>; either member may be left out (503, 100).
/// </summary>
public static partial class FailureEndpoints
{
    public static void Map(WebApplication app)
    {
        var failure = app.Services.GetRequiredService<FailureSwitch>();
        var instance = app.Services.GetRequiredService<Instance>();
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Weft.Samples.Failure");

        app.MapGet("/healthz", ctx => ctx.Response.WriteJsonAsync(
            new SampleHealth("ok", instance.Service, instance.Version, failure.Mode.IsOn ? failure.Mode : null),
            SampleJson.Default.SampleHealth, ctx.RequestAborted));

        app.MapGet("/admin/fail", ctx => ctx.Response.WriteJsonAsync(failure.Mode, SampleJson.Default.FailureMode, ctx.RequestAborted));

        app.MapPost("/admin/fail", async ctx =>
        {
            var (mode, errors) = Parse(await ctx.Request.ReadTextAsync(ctx.RequestAborted));
            if (mode is null)
            {
                ctx.Response.StatusCode = StatusCodes.Status400BadRequest;
                await ctx.Response.WriteJsonAsync(new ErrorBody("invalid failure mode", string.Join("; ", errors)),
                    SampleJson.Default.ErrorBody, ctx.RequestAborted);
                return;
            }
            failure.Set(mode);
            LogSwitched(log, instance.ToString(), mode.Status, mode.Percent);
            await ctx.Response.WriteJsonAsync(mode, SampleJson.Default.FailureMode, ctx.RequestAborted);
        });

        app.MapDelete("/admin/fail", ctx =>
        {
            failure.Set(FailureMode.Off);
            LogStopped(log, instance.ToString());
            return ctx.Response.WriteJsonAsync(FailureMode.Off, SampleJson.Default.FailureMode, ctx.RequestAborted);
        });
    }

    /// <summary>The mode FAIL_WITH_5XX (percent) and FAIL_STATUS ask for at start; off when unset.</summary>
    public static FailureMode FromEnvironment(EnvReader env)
    {
        var percent = env.Int("FAIL_WITH_5XX", 0, 0, 100);
        var status = env.Int("FAIL_STATUS", FailureMode.DefaultStatus, 500, 599);
        return new FailureMode(status, percent);
    }

    public static (FailureMode? Mode, IReadOnlyList<string> Errors) Parse(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
            return (new FailureMode(FailureMode.DefaultStatus, 100), []);
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(body);
        }
        catch (JsonException e)
        {
            return (null, [$"the body is not JSON: {e.Message}"]);
        }
        if (node is not JsonObject o)
            return (null, ["expected a JSON object such as {\"status\":503,\"percent\":100}"]);
        var errors = new List<string>();
        // The range checks are FailureMode.Validate's, so that they read the same for every source.
        var status = JsonMembers.Int(o, "", "status", FailureMode.DefaultStatus, int.MinValue, int.MaxValue, errors);
        var percent = JsonMembers.Int(o, "", "percent", 100, int.MinValue, int.MaxValue, errors);
        var mode = new FailureMode(status, percent);
        errors.AddRange(mode.Validate());
        return errors.Count == 0 ? (mode, errors) : (null, errors);
    }

    [LoggerMessage(7101, LogLevel.Information, "[{Instance}] Failure switch on: answering {Status} to {Percent}% of requests until DELETE /admin/fail")]
    private static partial void LogSwitched(ILogger log, string instance, int status, int percent);

    [LoggerMessage(7102, LogLevel.Information, "[{Instance}] Failure switch off: serving every request again")]
    private static partial void LogStopped(ILogger log, string instance);
}
