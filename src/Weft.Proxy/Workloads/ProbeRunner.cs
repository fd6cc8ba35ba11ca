using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Weft.Discovery.Snapshot;

namespace Weft.Proxy.Workloads;

/// <summary>
/// Runs one probe of a WorkloadGroup against the application, as the kubelet (and Istio's agent
/// on a VM) does: HTTP GET with a status of 200-399, a TCP connect, a command exiting 0, or the
/// gRPC health protocol answering SERVING, each within the probe's timeout. The target is the
/// probe's host, else where the app really listens behind the sidecar's port (explicit
/// interception), else the workload's address.
/// </summary>
public sealed class ProbeRunner(NodeInfo node) : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        PooledConnectionLifetime = TimeSpan.Zero,
        // The kubelet does not verify an HTTPS probe's certificate either.
        SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true },
        ActivityHeadersPropagator = null,
    }) { Timeout = Timeout.InfiniteTimeSpan };

    public async Task<ProbeResult> RunAsync(WorkloadProbe probe, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(probe.Timeout);
        try
        {
            if (probe.HttpGet is { } http)
                return await HttpAsync(http, timeout.Token);
            if (probe.TcpSocket is { } tcp)
                return await TcpAsync(tcp, timeout.Token);
            if (probe.Exec is { } exec)
                return await ExecAsync(exec, timeout.Token);
            if (probe.Grpc is { } grpc)
                return await GrpcAsync(grpc, timeout.Token);
            return new(true, "no probe method");
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new(false, $"{Describe(probe)}: no answer within {probe.Timeout.TotalSeconds:0.###}s");
        }
        catch (Exception e) when (e is HttpRequestException or SocketException or IOException or System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return new(false, $"{Describe(probe)}: {Flatten(e)}");
        }
    }

    /// <summary>Where a probe of <paramref name="port"/> connects: the app behind the sidecar's port, or the workload's address.</summary>
    public (string Host, int Port) Target(string? host, int port)
    {
        foreach (var m in node.InboundPorts)
            if (m.Port == port)
                return (host ?? m.AppAddress, host is null ? m.AppPort : port);
        return (host ?? node.Address ?? "127.0.0.1", port);
    }

    public string Describe(WorkloadProbe probe)
    {
        if (probe.HttpGet is { } http)
        {
            var (h, p) = Target(http.Host, http.Port);
            return $"HTTP GET {http.Scheme.ToLowerInvariant()}://{Authority(h, p)}{http.Path}";
        }
        if (probe.TcpSocket is { } tcp)
        {
            var (h, p) = Target(tcp.Host, tcp.Port);
            return $"TCP connect to {Authority(h, p)}";
        }
        if (probe.Exec is { } exec)
            return $"exec {string.Join(' ', exec.Command)}";
        if (probe.Grpc is { } grpc)
        {
            var (h, p) = Target(null, grpc.Port);
            return $"gRPC health check of {Authority(h, p)}{(grpc.Service is { } s ? $" service \"{s}\"" : "")}";
        }
        return "no probe";
    }

    private async Task<ProbeResult> HttpAsync(HttpGetProbe probe, CancellationToken ct)
    {
        var (host, port) = Target(probe.Host, probe.Port);
        var path = probe.Path.StartsWith('/') ? probe.Path : "/" + probe.Path;
        var uri = new Uri($"{probe.Scheme.ToLowerInvariant()}://{Authority(host, port)}{path}");
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.UserAgent.ParseAdd("weft-probe/1.0");
        foreach (var h in probe.Headers)
        {
            if (string.Equals(h.Name, "Host", StringComparison.OrdinalIgnoreCase))
                request.Headers.Host = h.Value;
            else
                request.Headers.TryAddWithoutValidation(h.Name, h.Value);
        }
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        var code = (int)response.StatusCode;
        return new(code is >= 200 and < 400, $"HTTP GET {uri} answered {code} {response.ReasonPhrase}");
    }

    private async Task<ProbeResult> TcpAsync(TcpSocketProbe probe, CancellationToken ct)
    {
        var (host, port) = Target(probe.Host, probe.Port);
        using var client = new TcpClient(AddressFamilyOf(host));
        await client.ConnectAsync(host, port, ct);
        return new(true, $"TCP connect to {Authority(host, port)} succeeded");
    }

    private static async Task<ProbeResult> ExecAsync(ExecProbe probe, CancellationToken ct)
    {
        var start = new ProcessStartInfo(probe.Command[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in probe.Command.AsSpan()[1..])
            start.ArgumentList.Add(a);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{probe.Command[0]} did not start");
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var error = process.StandardError.ReadToEndAsync(ct);
        try
        {
            await process.WaitForExitAsync(ct);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        var text = ((await output) + (await error)).Trim();
        if (text.Length > 200)
            text = text[..200] + "...";
        var exitCode = process.ExitCode;
        return new(exitCode == 0, $"exec {string.Join(' ', probe.Command)} exited with {exitCode}{(text.Length > 0 ? ": " + text : "")}");
    }

    /// <summary>grpc.health.v1.Health/Check over h2c: request field 1 = service, response field 1 = status (1 SERVING).</summary>
    private async Task<ProbeResult> GrpcAsync(GrpcProbe probe, CancellationToken ct)
    {
        var (host, port) = Target(null, probe.Port);
        var service = System.Text.Encoding.UTF8.GetBytes(probe.Service ?? "");
        byte[] message = service.Length == 0 ? [] : [0x0A, .. Varint(service.Length), .. service];
        var frame = new byte[5 + message.Length];
        BinaryPrimitives.WriteInt32BigEndian(frame.AsSpan(1), message.Length);
        message.CopyTo(frame.AsSpan(5));
        using var request = new HttpRequestMessage(HttpMethod.Post, $"http://{Authority(host, port)}/grpc.health.v1.Health/Check")
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(frame),
        };
        request.Content.Headers.ContentType = new("application/grpc");
        request.Headers.TryAddWithoutValidation("te", "trailers");
        using var response = await _http.SendAsync(request, ct);
        var body = await response.Content.ReadAsByteArrayAsync(ct);
        var grpcStatus = response.TrailingHeaders.TryGetValues("grpc-status", out var t) ? t.First()
            : response.Headers.TryGetValues("grpc-status", out var h) ? h.First() : null;
        if (grpcStatus is not null && grpcStatus != "0")
            return new(false, $"gRPC health check of {Authority(host, port)} failed with grpc-status {grpcStatus}");
        var status = body.Length >= 7 && body[5] == 0x08 ? body[6] : 0;
        var name = status switch { 1 => "SERVING", 2 => "NOT_SERVING", 3 => "SERVICE_UNKNOWN", _ => "UNKNOWN" };
        return new(status == 1, $"gRPC health check of {Authority(host, port)} answered {name}");
    }

    private static byte[] Varint(int value)
    {
        var bytes = new List<byte>();
        var v = (uint)value;
        while (v >= 0x80)
        {
            bytes.Add((byte)(v | 0x80));
            v >>= 7;
        }
        bytes.Add((byte)v);
        return [.. bytes];
    }

    private static AddressFamily AddressFamilyOf(string host) =>
        IPAddress.TryParse(host, out var ip) ? ip.AddressFamily : AddressFamily.InterNetwork;

    private static string Authority(string host, int port) => host.Contains(':') ? $"[{host}]:{port}" : $"{host}:{port}";

    private static string Flatten(Exception e)
    {
        var text = e.Message;
        for (var inner = e.InnerException; inner is not null; inner = inner.InnerException)
            if (!text.Contains(inner.Message, StringComparison.Ordinal))
                text += " (" + inner.Message + ")";
        return text;
    }

    public void Dispose() => _http.Dispose();
}
