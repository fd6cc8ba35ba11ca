using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;
using Weft.Discovery.Snapshot;
using Weft.Proxy.Workloads;
using Weft.Testing;

namespace Weft.Proxy.Tests.Workloads;

/// <summary>
/// Each kind of WorkloadGroup probe against real sockets and processes: what passes, what fails,
/// and the words that say why (they reach the proxy's log, its admin page and the WorkloadEntry).
/// </summary>
public sealed class ProbeRunnerTests
{
    private static readonly NodeInfo Node = new() { Name = "cars-vm", Namespace = "shop" };

    [Fact]
    public async Task A_tcp_probe_passes_when_the_port_accepts_and_fails_saying_the_connection_was_refused()
    {
        var address = Net.UniqueLoopback();
        using var listener = new TcpListener(IPAddress.Parse(address), 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var runner = new ProbeRunner(Node with { Address = address });
        var probe = new WorkloadProbe { TcpSocket = new TcpSocketProbe(port) };

        (await runner.RunAsync(probe, TestContext.Current.CancellationToken)).Should().Be(new ProbeResult(true, $"TCP connect to {address}:{port} succeeded"));
        listener.Stop();
        var failed = await runner.RunAsync(probe, TestContext.Current.CancellationToken);
        failed.Success.Should().BeFalse();
        failed.Detail.Should().StartWith($"TCP connect to {address}:{port}: Connection refused");
    }

    [Fact]
    public async Task A_port_the_sidecar_owns_is_probed_where_the_app_listens_behind_it()
    {
        var address = Net.UniqueLoopback();
        using var app = new TcpListener(IPAddress.Parse(address), 0);
        app.Start();
        var appPort = ((IPEndPoint)app.LocalEndpoint).Port;
        using var runner = new ProbeRunner(Node with { Address = address, InboundPorts = [new InboundPortMapping(8000, address, appPort)] });

        runner.Target(null, 8000).Should().Be((address, appPort));
        runner.Target("10.0.0.9", 8000).Should().Be(("10.0.0.9", 8000));
        runner.Target(null, 9000).Should().Be((address, 9000));
        (await runner.RunAsync(new WorkloadProbe { TcpSocket = new TcpSocketProbe(8000) }, TestContext.Current.CancellationToken)).Success.Should().BeTrue();
    }

    [Fact]
    public async Task An_exec_probe_passes_on_exit_status_zero_and_otherwise_names_the_status_and_output()
    {
        using var runner = new ProbeRunner(Node);
        (await runner.RunAsync(new WorkloadProbe { Exec = new ExecProbe(["sh", "-c", "exit 0"]) }, TestContext.Current.CancellationToken))
            .Should().Be(new ProbeResult(true, "exec sh -c exit 0 exited with 0"));
        (await runner.RunAsync(new WorkloadProbe { Exec = new ExecProbe(["sh", "-c", "echo not ready; exit 3"]) }, TestContext.Current.CancellationToken))
            .Should().Be(new ProbeResult(false, "exec sh -c echo not ready; exit 3 exited with 3: not ready"));
    }

    [Fact]
    public async Task A_probe_that_outlives_its_timeout_fails_saying_so()
    {
        using var runner = new ProbeRunner(Node);
        var probe = new WorkloadProbe { Timeout = TimeSpan.FromMilliseconds(300), Exec = new ExecProbe(ImmutableArray.Create("sleep", "30")) };
        (await runner.RunAsync(probe, TestContext.Current.CancellationToken)).Should().Be(new ProbeResult(false, "exec sleep 30: no answer within 0.3s"));
    }
}
