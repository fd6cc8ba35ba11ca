using System.Text.Json;
using System.Text.Json.Nodes;
using Weft.Testing;

namespace Weft.Integration.Tests.Identity;

/// <summary>
/// A VM joins the mesh as the issue describes it, with the real programs and the real openssl:
/// `weft workload token create` issues a token, a real weft-proxy exchanges it for a certificate
/// whose key it generated itself, openssl reads the saved certificate and chains it to the root,
/// the token cannot be used again, the saved certificate renews itself over mutual TLS (curl and
/// an openssl CSR), and a restarted proxy needs no token and renews its certificate with itself.
/// </summary>
public class VmBootstrapTests
{
    private const string Cars = "spiffe://cluster.local/ns/vm/sa/cars";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_VM_proxy_exchanges_a_CLI_token_for_a_certificate_openssl_chains_to_the_root_and_the_token_works_once()
    {
        await using var weftd = await WeftdProcess.StartAsync(new WeftdStart(), Ct);
        var discovery = await DiscoveryAsync(weftd);
        await using var cli = new WeftCli().Env("WEFT_SERVER", weftd.BaseAddress.ToString().TrimEnd('/')).Env("WEFT_TOKEN", weftd.Token);
        using var vm = Repo.TempDir("weft-vm");

        // The operator creates a token; the text output says what it is for and where it goes.
        var text = await cli.MustAsync("workload", "token", "create", "--namespace", "vm", "--service-account", "cars", "--ttl", "10m");
        text.StdOut.Should().StartWith($"Bootstrap token for {Cars} (single use, expires ")
            .And.Contain("Where to put it: on the VM, save the token as /etc/weft/bootstrap-token (mode 0600")
            .And.Contain("--token-file /etc/weft/bootstrap-token --ca-root-file /etc/weft/root-cert.pem")
            .And.Contain("-----BEGIN CERTIFICATE-----");
        var json = await cli.MustAsync("workload", "token", "create", "-n", "vm", "-s", "cars", "-o", "json");
        var status = JsonNode.Parse(json.StdOut)!["status"]!;
        var token = status["token"]!.GetValue<string>();
        var caAddress = status["caAddress"]!.GetValue<string>();
        File.WriteAllText(vm.File("bootstrap-token"), token);
        File.SetUnixFileMode(vm.File("bootstrap-token"), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var rootFile = vm.Write("root-cert.pem", status["rootCertificates"]!.GetValue<string>());

        var data = vm.File("data");
        string[] proxyArgs(string dataDir, params string[] extra) =>
            ["--discovery-address", discovery, "--data-dir", dataDir, "--name", "cars-vm", "--namespace", "vm", "--service-account", "cars",
             "--ca-address", caAddress, "--drain-seconds", "0", .. extra];
        // Ready once its config came over weftd's TLS port, which needs the certificate first: generous on a loaded machine.
        await using (var proxy = await ProxyProcess.StartAsync(proxyArgs(data, "--token-file", vm.File("bootstrap-token"), "--ca-root-file", rootFile), timeout: TimeSpan.FromSeconds(120)))
        {
            await proxy.Process.WaitForLineAsync($"Got the first certificate of {Cars}", TimeSpan.FromSeconds(30), Ct);
        }

        var certs = Path.Combine(data, "certs");
        File.GetUnixFileMode(Path.Combine(certs, "key.pem")).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.GetUnixFileMode(Path.Combine(certs, "cert-chain.pem")).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var x509 = await OpenSslAsync(vm.Path, "x509", "-in", Path.Combine(certs, "cert-chain.pem"), "-noout", "-text");
        x509.Should().Contain($"URI:{Cars}").And.Contain("X509v3 Subject Alternative Name: critical")
            .And.Contain("TLS Web Server Authentication, TLS Web Client Authentication").And.Contain("CA:FALSE")
            .And.Contain("ASN1 OID: prime256v1");
        var verify = await OpenSslAsync(vm.Path, "verify", "-CAfile", rootFile, Path.Combine(certs, "cert-chain.pem"));
        verify.Should().Contain("cert-chain.pem: OK");

        // The same token again, from another machine (a fresh data directory): refused, and the proxy says why.
        // Without a certificate it gets no config either (weftd's TLS port wants one), so it never says ready.
        await using (var replay = await ProxyProcess.StartAsync(proxyArgs(vm.File("other-vm"), "--token-file", vm.File("bootstrap-token"), "--ca-root-file", rootFile), waitReady: false))
        {
            var line = await replay.Process.WaitForLineAsync($"No certificate for {Cars}", TimeSpan.FromSeconds(30), Ct);
            line.Should().Contain("was already used at").And.Contain("a token works once");
            File.Exists(Path.Combine(vm.File("other-vm"), "certs", "cert-chain.pem")).Should().BeFalse();
        }

        // Renewal with the certificate itself (mutual TLS): curl presents the saved certificate with an
        // openssl-made CSR and asks for the shortest life, one minute.
        await OpenSslAsync(vm.Path, "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
            "-keyout", "next-key.pem", "-out", "next.csr", "-subj", "/", "-addext", $"subjectAltName=URI:{Cars}");
        vm.Write("renew.json", JsonSerializer.Serialize(new { csr = File.ReadAllText(vm.File("next.csr")), ttlSeconds = 60 }));
        var port = new Uri(caAddress).Port;
        string[] curl(params string[] extra) => ["-sS", "--cacert", rootFile, "--resolve", $"weftd:{port}:127.0.0.1", .. extra,
            "-H", "Content-Type: application/json", "--data-binary", "@renew.json", $"https://weftd:{port}/weft.ca.v1/certificates"];
        var renewed = await Run.CommandAsync("curl", curl("--cert", Path.Combine(certs, "cert-chain.pem"), "--key", Path.Combine(certs, "key.pem")), workingDirectory: vm.Path);
        var answer = JsonNode.Parse(renewed.StdOut);
        answer?["identity"]?.GetValue<string>().Should().Be(Cars, renewed.Output);

        // Without a certificate, the same request proves nothing.
        var anonymous = await Run.CommandAsync("curl", curl(), workingDirectory: vm.Path);
        anonymous.StdOut.Should().Contain("\"code\":401").And.Contain("no credential");

        // A rebooted VM, no token any more, holding that one-minute certificate (valid from a minute
        // ago for clock skew, so at half its life now): the proxy reuses it, and renews it at once
        // with itself, the way every proxy renews at half life.
        File.Delete(vm.File("bootstrap-token"));
        File.Copy(vm.File("next-key.pem"), Path.Combine(certs, "key.pem"), overwrite: true);
        File.WriteAllText(Path.Combine(certs, "cert-chain.pem"), answer!["certificateChain"]!.GetValue<string>());
        var shortSerial = await OpenSslAsync(vm.Path, "x509", "-in", Path.Combine(certs, "cert-chain.pem"), "-noout", "-serial");
        await using (var restarted = await ProxyProcess.StartAsync(proxyArgs(data), timeout: TimeSpan.FromSeconds(120)))
        {
            await restarted.Process.WaitForLineAsync($"Reusing the saved certificate of {Cars}", TimeSpan.FromSeconds(30), Ct);
            await restarted.Process.WaitForLineAsync($"Rotated the certificate of {Cars}", TimeSpan.FromSeconds(30), Ct);
            restarted.Output.Should().NotContain("Exchanging the bootstrap token");
        }
        (await OpenSslAsync(vm.Path, "x509", "-in", Path.Combine(certs, "cert-chain.pem"), "-noout", "-serial")).Should().NotBe(shortSerial, "the renewed certificate was saved");
        (await OpenSslAsync(vm.Path, "x509", "-in", Path.Combine(certs, "cert-chain.pem"), "-noout", "-checkend", "82800")).Should().Contain("will not expire", "a renewal gets the default 24 h");
        (await OpenSslAsync(vm.Path, "verify", "-CAfile", rootFile, Path.Combine(certs, "cert-chain.pem"))).Should().Contain("OK");
        weftd.Process.Output.Should().Contain($"Issued a certificate for {Cars} on its certificate");

        var secret = token.Split('.')[2];
        weftd.Process.Output.Should().NotContain(secret).And.NotContain(weftd.Token);
    }

    [Fact]
    public async Task A_token_for_one_service_account_gets_a_proxy_of_another_nothing_and_still_works_for_its_own()
    {
        await using var weftd = await WeftdProcess.StartAsync(new WeftdStart(), Ct);
        var discovery = await DiscoveryAsync(weftd);
        await using var cli = new WeftCli().Env("WEFT_SERVER", weftd.BaseAddress.ToString().TrimEnd('/')).Env("WEFT_TOKEN", weftd.Token);
        using var vm = Repo.TempDir("weft-vm");
        var json = await cli.MustAsync("workload", "token", "create", "-n", "vm", "-s", "cars", "-o", "json");
        var status = JsonNode.Parse(json.StdOut)!["status"]!;
        var rootFile = vm.Write("root-cert.pem", status["rootCertificates"]!.GetValue<string>());
        var token = vm.Write("token", status["token"]!.GetValue<string>());
        string[] proxyArgs(string sa, string dataDir) =>
            ["--discovery-address", discovery, "--data-dir", dataDir, "--name", "vm-" + sa, "--namespace", "vm", "--service-account", sa,
             "--ca-address", status["caAddress"]!.GetValue<string>(), "--token-file", token, "--ca-root-file", rootFile, "--drain-seconds", "0"];

        await using (var impostor = await ProxyProcess.StartAsync(proxyArgs("payments", vm.File("payments")), waitReady: false))
        {
            var line = await impostor.Process.WaitForLineAsync("No certificate for spiffe://cluster.local/ns/vm/sa/payments", TimeSpan.FromSeconds(30), Ct);
            line.Should().Contain($"the credential proves {Cars}; a workload gets only its own identity");
        }
        await using var rightful = await ProxyProcess.StartAsync(proxyArgs("cars", vm.File("cars")), timeout: TimeSpan.FromSeconds(120));
        await rightful.Process.WaitForLineAsync($"Got the first certificate of {Cars}", TimeSpan.FromSeconds(30), Ct);
    }

    [Fact]
    public async Task Creating_a_token_is_refused_with_the_reason_for_a_bad_lifetime_or_without_the_API_token()
    {
        await using var weftd = await WeftdProcess.StartAsync(new WeftdStart(), Ct);
        await using var cli = new WeftCli().Env("WEFT_SERVER", weftd.BaseAddress.ToString().TrimEnd('/')).Env("WEFT_TOKEN", weftd.Token);
        var tooLong = await cli.RunAsync("workload", "token", "create", "-n", "vm", "-s", "cars", "--ttl", "48h");
        tooLong.ExitCode.Should().Be(1);
        tooLong.StdErr.Should().Contain("spec.expirationSeconds").And.Contain("longer than the maximum");
        var garbled = await cli.RunAsync("workload", "token", "create", "-n", "vm", "-s", "cars", "--ttl", "soon");
        garbled.ExitCode.Should().Be(2);
        garbled.StdErr.Should().Be("error: cannot parse \"soon\" for --ttl: expected a duration such as 30m, 1h or 1h30m\n");
        await using var stranger = new WeftCli().Env("WEFT_SERVER", weftd.BaseAddress.ToString().TrimEnd('/')).Env("WEFT_TOKEN", "not-the-token");
        var refused = await stranger.RunAsync("workload", "token", "create", "-n", "vm", "-s", "cars");
        refused.ExitCode.Should().Be(1);
        refused.StdOut.Should().BeEmpty();
        refused.StdErr.Should().Contain("Unauthorized");
    }

    /// <summary>weftd's TLS port: the VM's proxy gets its config where it got its certificate.</summary>
    private static Task<string> DiscoveryAsync(WeftdProcess weftd) => Task.FromResult(weftd.DiscoveryAddress);

    private static async Task<string> OpenSslAsync(string dir, params string[] args)
    {
        var r = await Run.CommandAsync("openssl", args, workingDirectory: dir);
        if (r.ExitCode != 0)
            throw new Xunit.Sdk.XunitException($"openssl {string.Join(' ', args)} exited with {r.ExitCode}:\n{r.Output}");
        return r.StdOut;
    }
}
