namespace Weft.Integration.Tests.DataPlane;

/// <summary>Admission is the gate: a VirtualService that fails validation is never stored, so it reaches no proxy.</summary>
public sealed class InvalidConfigTests
{
    [Fact]
    public async Task A_VirtualService_that_fails_validation_never_reaches_any_proxy()
    {
        await using var mesh = await CanaryMesh.StartAsync(90, 10);
        var versions = new List<string>();
        foreach (var p in mesh.Sidecars.Append(mesh.Client))
            versions.Add(Version(await p.AdminGetAsync("config_dump")));

        var r = await mesh.ApplyAsync("bad.yaml", CanaryMesh.Split(60, 60), mustSucceed: false);
        r.ExitCode.Should().NotBe(0);
        r.Output.Should().Contain("weight", "the refusal names what is wrong");

        // Longer than the push debounce: had it been stored, it would have been pushed by now.
        await Task.Delay(1500, TestContext.Current.CancellationToken);
        var i = 0;
        foreach (var p in mesh.Sidecars.Append(mesh.Client))
        {
            var dump = await p.AdminGetAsync("config_dump");
            Version(dump).Should().Be(versions[i++], "no proxy may get a new snapshot from a refused apply");
            dump.Should().NotContain("lastRejected");
        }
        CanaryMesh.SplitWeights(await mesh.Client.AdminGetAsync("config_dump"))["outbound|8000|v2|cars.travel.svc.cluster.local"].Should().Be(10);
        var status = await mesh.Cli.MustAsync("proxy-status");
        status.StdOut.Should().NotContain("NACKED");
        var traffic = await mesh.SendAsync(100);
        traffic.Failures.Should().BeEmpty(traffic.ToString());
    }

    private static string Version(string configDump)
    {
        using var doc = System.Text.Json.JsonDocument.Parse(configDump);
        return doc.RootElement.GetProperty("version").GetString()!;
    }
}
