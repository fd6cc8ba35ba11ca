using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;

namespace Weft.Integration.Tests.Workloads;

/// <summary>
/// A real gRPC health server (<c>grpc.health.v1.Health/Check</c>) over Kestrel HTTP/2 without TLS,
/// framed by hand as grpc-go's and grpc-dotnet's servers frame it: a length-prefixed
/// <c>HealthCheckRequest</c> (field 1, the service name) in, a length-prefixed
/// <c>HealthCheckResponse</c> (field 1, the status enum) out, and <c>grpc-status</c> in the trailers;
/// a service it does not know is NOT_FOUND (grpc-status 5) with no message.
/// </summary>
internal sealed class GrpcHealthServer : IAsyncDisposable
{
    public const int Serving = 1;
    public const int NotServing = 2;

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, int> _statuses = new(StringComparer.Ordinal);

    private GrpcHealthServer(WebApplication app) => _app = app;

    /// <summary>The service names of the checks received, in order.</summary>
    public ConcurrentQueue<string> Checked { get; } = new();

    /// <summary>Sets the status a service answers (<see cref="Serving"/>, <see cref="NotServing"/>); null forgets it (NOT_FOUND).</summary>
    public void Set(string service, int? status)
    {
        if (status is { } s)
            _statuses[service] = s;
        else
            _statuses.TryRemove(service, out _);
    }

    public static async Task<GrpcHealthServer> StartAsync(string address, int port, CancellationToken ct)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Parse(address), port, l => l.Protocols = HttpProtocols.Http2));
        var app = builder.Build();
        var server = new GrpcHealthServer(app);
        app.MapPost("/grpc.health.v1.Health/Check", (RequestDelegate)server.CheckAsync);
        await app.StartAsync(ct);
        return server;
    }

    private async Task CheckAsync(HttpContext ctx)
    {
        using var body = new MemoryStream();
        await ctx.Request.Body.CopyToAsync(body, ctx.RequestAborted);
        var service = ServiceOf(body.ToArray());
        Checked.Enqueue(service);
        ctx.Response.ContentType = "application/grpc";
        if (!_statuses.TryGetValue(service, out var status))
        {
            ctx.Response.AppendTrailer("grpc-status", "5");
            ctx.Response.AppendTrailer("grpc-message", "unknown service");
            return;
        }
        // One message: compressed flag 0, length 2, then field 1 varint (tag 0x08) = status.
        await ctx.Response.Body.WriteAsync(new byte[] { 0, 0, 0, 0, 2, 0x08, (byte)status }, ctx.RequestAborted);
        ctx.Response.AppendTrailer("grpc-status", "0");
    }

    /// <summary>The HealthCheckRequest's service (field 1, tag 0x0A), "" when absent.</summary>
    private static string ServiceOf(byte[] frame)
    {
        if (frame.Length < 5)
            return "";
        var length = BinaryPrimitives.ReadInt32BigEndian(frame.AsSpan(1));
        var message = frame.AsSpan(5, Math.Min(length, frame.Length - 5));
        if (message.Length < 2 || message[0] != 0x0A)
            return "";
        int size = 0, shift = 0, i = 1;
        while (i < message.Length)
        {
            var b = message[i++];
            size |= (b & 0x7f) << shift;
            shift += 7;
            if ((b & 0x80) == 0)
                break;
        }
        return Encoding.UTF8.GetString(message.Slice(i, Math.Min(size, message.Length - i)));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}
