using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;

namespace Weft.Bench.Tools;

/// <summary>
/// The application behind every topology: one Kestrel process answering 200 with a fixed body,
/// the same for direct, Weft and haproxy runs, so only the proxies differ between them.
/// </summary>
public static class BackendCommand
{
    public const string ReadyLine = "weft-bench backend ready";

    internal static async Task<int> RunAsync(Options o, CancellationToken ct)
    {
        var h1 = o.Endpoint("--h1");
        var h2 = o.Endpoint("--h2", required: false);
        var size = (int)o.Number("--body-bytes", 1024, 0, 1 << 20);
        o.RejectUnknown("--h1", "--h2", "--body-bytes");
        if (o.Errors.Count > 0)
            return Usage.Fail("backend", o.Errors);

        await using var app = Build(h1!, h2, size);
        await app.StartAsync(ct);
        Console.WriteLine(ReadyLine);
        try
        {
            await Task.Delay(Timeout.Infinite, ct);
        }
        catch (OperationCanceledException)
        {
        }
        await app.StopAsync(CancellationToken.None);
        return 0;
    }

    /// <summary>The backend, not started: HTTP/1.1 on <paramref name="h1"/>, h2c on <paramref name="h2"/> when given.</summary>
    public static WebApplication Build(IPEndPoint h1, IPEndPoint? h2, int bodyBytes)
    {
        var body = new byte[bodyBytes];
        Array.Fill(body, (byte)'x');
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k =>
        {
            k.AddServerHeader = false;
            // Clients at full speed open many streams on one connection (h2load -m).
            k.Limits.Http2.MaxStreamsPerConnection = 1024;
            k.Listen(h1, lo => lo.Protocols = HttpProtocols.Http1);
            // Cleartext Kestrel speaks HTTP/2 only when the endpoint is HTTP/2 alone (prior knowledge).
            if (h2 is not null)
                k.Listen(h2, lo => lo.Protocols = HttpProtocols.Http2);
        });
        var app = builder.Build();
        app.Run(ctx =>
        {
            var r = ctx.Response;
            r.StatusCode = 200;
            r.ContentType = "text/plain";
            r.ContentLength = body.Length;
            // Echoed so run.sh can prove the sidecar pair spoke mTLS: the server sidecar sets it only for a verified peer.
            if (ctx.Request.Headers.TryGetValue("x-forwarded-client-cert", out var xfcc))
                r.Headers["x-bench-xfcc"] = xfcc;
            return r.Body.WriteAsync(body, ctx.RequestAborted).AsTask();
        });
        return app;
    }
}
