namespace Weft.Samples.Hosting;

/// <summary>
/// One Information line per request, after it finished: instance, method, path, status and
/// duration. Also stamps every response with the instance (<see cref="Instance.HeaderName"/>).
/// </summary>
public sealed partial class RequestLog(RequestDelegate next, Instance instance, TimeProvider time, ILogger<RequestLog> log)
{
    private readonly string _instance = instance.ToString();

    public async Task InvokeAsync(HttpContext ctx)
    {
        var start = time.GetTimestamp();
        ctx.Response.Headers[Instance.HeaderName] = _instance;
        var status = 500;
        try
        {
            await next(ctx);
            status = ctx.Response.StatusCode;
        }
        finally
        {
            if (ctx.RequestAborted.IsCancellationRequested && status == 500)
                status = 499; // the client went away first, as nginx and Envoy count it
            LogRequest(log, _instance, ctx.Request.Method, ctx.Request.Path + ctx.Request.QueryString, status,
                time.GetElapsedTime(start).TotalMilliseconds);
        }
    }

    [LoggerMessage(7001, LogLevel.Information, "[{Instance}] {Method} {Path} {Status} {Milliseconds:0.0} ms")]
    private static partial void LogRequest(ILogger log, string instance, string method, string path, int status, double milliseconds);
}
