using System.Globalization;
using System.Text;

namespace Weft.Proxy.Telemetry;

/// <summary>
/// <c>GET /access_log?lines=N</c> on the admin endpoint: the last N access-log lines (100 by
/// default, at most <see cref="AccessLog.RecentCapacity"/>), oldest first, as the log writes them.
/// What <c>kubectl logs -c istio-proxy --tail</c> shows of a sidecar, without a file to read.
/// </summary>
public static class AccessLogEndpoint
{
    public const string Path = "/access_log";

    public const string Help = "the last access-log lines kept in memory, oldest first";

    public const string Parameters = "lines=N (default 100, at most 1000)";

    public static IResult Handle(HttpContext ctx, AccessLog accessLog)
    {
        var text = ctx.Request.Query["lines"].ToString();
        var lines = 100;
        if (text.Length > 0 && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out lines) || lines < 1))
            return Results.Text($"cannot parse '{text}' for parameter 'lines': expected a whole number from 1 to {AccessLog.RecentCapacity}\n", "text/plain", statusCode: 400);
        var sb = new StringBuilder();
        foreach (var line in accessLog.Recent(lines))
            sb.Append(line).Append('\n');
        return Results.Text(sb.ToString(), "text/plain");
    }
}
