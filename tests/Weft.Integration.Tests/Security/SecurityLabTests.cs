using Weft.Testing;

namespace Weft.Integration.Tests.Security;

/// <summary>
/// The OpenShift Service Mesh security lab with real weftd, weft, weft-proxy, openssl and curl:
/// mTLS between every sidecar, allow-nothing per namespace, then ALLOW policies by SPIFFE
/// principal that restore exactly the intended paths, and STRICT refusing plaintext.
/// </summary>
public class SecurityLabTests
{
    private const string Agency = "http://travels.travel-agency:8000/travels/London";
    private const string Control = "http://control.travel-control:8080/";
    private const string Denied = "403 RBAC: access denied";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Allow_nothing_denies_every_call_and_two_ALLOW_policies_by_principal_restore_exactly_portal_to_agency_and_gateway_to_control()
    {
        await using var mesh = await SecureMesh.StartAsync(Ct);
        // mTLS everywhere: the calls work, and the application is reached through the server sidecar.
        await mesh.ExpectAsync("portal", Agency, "200 travels", Ct);
        await mesh.ExpectAsync("gateway", Control, "200 control", Ct);
        await mesh.ExpectAsync("control", Agency, "200 travels", Ct);

        await mesh.ApplyAsync("allow-nothing.yaml", """
            apiVersion: security.istio.io/v1
            kind: AuthorizationPolicy
            metadata: {name: allow-nothing, namespace: travel-agency}
            spec: {}
            ---
            apiVersion: security.istio.io/v1
            kind: AuthorizationPolicy
            metadata: {name: allow-nothing, namespace: travel-control}
            spec: {}
            """);
        await mesh.ExpectAsync("portal", Agency, Denied, Ct);
        await mesh.ExpectAsync("gateway", Control, Denied, Ct);
        await mesh.ExpectAsync("control", Agency, Denied, Ct);

        await mesh.ApplyAsync("allow-principals.yaml", """
            apiVersion: security.istio.io/v1
            kind: AuthorizationPolicy
            metadata: {name: allow-selective-principals-travel-agency, namespace: travel-agency}
            spec:
              action: ALLOW
              rules:
              - from:
                - source:
                    principals: ["cluster.local/ns/travel-portal/sa/travels"]
            ---
            apiVersion: security.istio.io/v1
            kind: AuthorizationPolicy
            metadata: {name: allow-selective-principals-travel-control, namespace: travel-control}
            spec:
              action: ALLOW
              rules:
              - from:
                - source:
                    principals: ["cluster.local/ns/istio-system/sa/istio-ingressgateway-service-account"]
            """);
        await mesh.ExpectAsync("portal", Agency, "200 travels", Ct);
        await mesh.ExpectAsync("gateway", Control, "200 control", Ct);
        // Not allowed: control calling the agency, and the portal calling control.
        (await mesh.CallAsync("control", Agency)).Should().Be(Denied);
        (await mesh.CallAsync("portal", Control)).Should().Be(Denied);
        mesh.Workloads["travels"].Proxy.Output.Should().Contain("Denied GET /travels/London from spiffe://cluster.local/ns/travel-control/sa/control: rbac_access_denied_matched_policy[none]");
    }

    [Fact]
    public async Task STRICT_refuses_plaintext_to_a_sidecar_whose_certificate_openssl_shows_with_its_SPIFFE_id()
    {
        await using var mesh = await SecureMesh.StartAsync(Ct);
        var travels = mesh.Workloads["travels"];
        var direct = $"http://{travels.Address}:8000/travels/London";
        (await Run.CommandAsync("curl", ["-sS", "--max-time", "10", direct])).StdOut.Should().Be("travels", "PERMISSIVE by default");

        await mesh.ApplyAsync("strict.yaml", """
            apiVersion: security.istio.io/v1
            kind: PeerAuthentication
            metadata: {name: default, namespace: travel-agency}
            spec:
              mtls: {mode: STRICT}
            """);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        Run.Result plain;
        do
        {
            plain = await Run.CommandAsync("curl", ["-sS", "--max-time", "10", direct]);
            if (plain.ExitCode != 0)
                break;
            await Task.Delay(100, Ct);
        }
        while (DateTime.UtcNow < deadline);
        plain.ExitCode.Should().NotBe(0, "STRICT closes plaintext connections: " + plain.Output);
        await mesh.ExpectAsync("portal", Agency, "200 travels", Ct);

        var certs = Path.Combine(mesh.Workloads["portal"].DataDir, "certs");
        var s = await Run.CommandAsync("openssl", ["s_client", "-connect", $"{travels.Address}:8000", "-alpn", "h2",
            "-cert", Path.Combine(certs, "cert-chain.pem"), "-key", Path.Combine(certs, "key.pem"), "-CAfile", mesh.RootFile], stdin: "", timeout: TimeSpan.FromSeconds(30));
        s.Output.Should().Contain("Verify return code: 0 (ok)");
        var pem = s.StdOut[s.StdOut.IndexOf("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal)..(s.StdOut.IndexOf("-----END CERTIFICATE-----", StringComparison.Ordinal) + 25)];
        (await Run.CommandAsync("openssl", ["x509", "-noout", "-ext", "subjectAltName"], stdin: pem + "\n")).StdOut
            .Should().Contain("URI:spiffe://cluster.local/ns/travel-agency/sa/travels");
    }
}
