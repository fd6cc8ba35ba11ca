namespace Weft.Cli.Tests.Workloads;

/// <summary>The workload and demo commands' errors that come before any control plane is asked.</summary>
public class WorkloadCommandTests
{
    [Fact]
    public async Task Run_reports_every_bad_option_with_exit_code_2()
    {
        using var cli = new CliRunner();
        var r = await cli.RunAsync("workload", "run", "Cars", "-n", "shop", "--port", "15001", "--labels", "app", "--env", "NOVALUE", "--", "weft-samples", "cars");
        r.ExitCode.Should().Be(2);
        r.Out.Should().BeEmpty();
        r.Err.Should().Be(
            "error: cannot parse \"NOVALUE\" for --env: expected NAME=VALUE\n" +
            "error: cannot parse \"app\" for --labels: expected key=value\n" +
            "error: workload name \"Cars\" is invalid: a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', start and end with one, and be at most 63 characters\n" +
            "error: port 15001 is reserved for the sidecar (15000 admin, 15001 outbound, 15006 inbound, 15021 health, 15090 metrics)\n");
    }

    [Fact]
    public async Task Stop_of_a_workload_that_is_not_running_says_so()
    {
        using var cli = new CliRunner();
        var r = await cli.RunAsync("workload", "stop", "cars", "-n", "shop");
        r.ExitCode.Should().Be(1);
        r.Err.Should().Be("error: no workload shop/cars runs in the background on this machine (for this user); `weft get workloads -A` lists the mesh's workloads\n");
    }

    [Fact]
    public async Task Demo_mesh_without_a_running_demo_says_how_to_start_one()
    {
        using var cli = new CliRunner();
        var r = await cli.RunAsync("demo", "mesh");
        r.ExitCode.Should().Be(1);
        r.Err.Should().Be("error: no demo is running for this user; start one with `weft demo` in another terminal\n");
    }

    [Fact]
    public async Task Exec_against_an_unreachable_control_plane_names_it()
    {
        using var cli = new CliRunner();
        var r = await cli.RunAsync("workload", "exec", "cars", "-n", "shop", "--server", "http://127.0.0.1:1", "--", "true");
        r.ExitCode.Should().Be(1);
        r.Err.Should().StartWith("error: cannot reach the Weft control plane at http://127.0.0.1:1 (");
    }
}
