using Weft.Api.Model.Networking;
using Weft.Api.Tests.Security;
using static Weft.Api.Tests.Networking.NetworkingManifests;

namespace Weft.Api.Tests.Networking;

public class GatewayTests
{
    internal const string Rich = """
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata:
          name: travel-gateway
          namespace: istio-system
        spec:
          selector: {istio: ingressgateway}
          servers:
          - name: control-https
            port: {number: 443, protocol: HTTPS, name: https}
            bind: 0.0.0.0
            hosts: [travel-control/control.example.com, "./*.travels.example.com"]
            defaultEndpoint: 127.0.0.1:8080
            tls:
              mode: MUTUAL
              serverCertificate: /etc/certs/server.pem
              privateKey: /etc/certs/key.pem
              caCertificates: /etc/certs/ca.pem
              caCrl: /etc/certs/crl.pem
              subjectAltNames: [portal.example.com]
              verifyCertificateSpki: [2BMU8cIetu0EPz3JS5xjK3jZc2ztGcvfKuX3j2Q67bA=]
              verifyCertificateHash: ["DA:6A:9E:1E:48:0C:2E:D1:5F:C5:E8:4C:87:73:EC:4D:AA:44:13:41:3F:43:F4:D3:36:F3:98:C7:3F:5C:B5:DF"]
              minProtocolVersion: TLSV1_2
              maxProtocolVersion: TLSV1_3
              cipherSuites: [ECDHE-ECDSA-AES256-GCM-SHA384]
              ecdhCurves: [X25519, P-256]
              insecureSkipVerify: false
              caCertCredentialName: travel-ca
          - port: {number: 80, protocol: HTTP, name: http}
            hosts: ["*/*.example.com"]
            tls: {httpsRedirect: true}
          - port: {number: 8443, protocol: HTTPS, name: https-dual}
            hosts: [travel-portal/portal.example.com]
            tls:
              mode: SIMPLE
              credentialNames: [portal-rsa, portal-ecdsa]
          - port: {number: 9443, protocol: HTTPS, name: https-files}
            hosts: [travel-portal/files.example.com]
            tls:
              mode: SIMPLE
              tlsCertificates:
              - {serverCertificate: /etc/certs/rsa.pem, privateKey: /etc/certs/rsa-key.pem, caCertificates: /etc/certs/ca.pem}
          - port: {number: 15443, protocol: TLS, name: tls-passthrough}
            hosts: ["*.local"]
            tls: {mode: AUTO_PASSTHROUGH}
          - port: {number: 10443, protocol: HTTPS, name: https-credential}
            hosts: [10.0.0.1]
            tls: {mode: SIMPLE, credentialName: control-cert}
        """;

    [Fact]
    public void A_rich_gateway_round_trips_through_yaml_and_json()
    {
        var gw = Manifests.Load<Gateway>(Rich);
        // Istio refuses a target port on a gateway ("no impact"), so no valid manifest sets it.
        UnsetTypeFields(gw).Should().Equal("Port.targetPort");
        RoundTrips(gw);
        gw.Spec!.Servers![0].Tls!.MinProtocolVersion.Should().Be(TlsProtocolVersion.Tls12);
        gw.Spec.Servers[1].Tls!.HttpsRedirect.Should().BeTrue();
    }

    [Fact]
    public void The_lab_ingress_gateway_for_the_control_dashboard_is_valid()
    {
        Manifests.Load<Gateway>("""
            apiVersion: networking.istio.io/v1
            kind: Gateway
            metadata: {name: control-gateway, namespace: travel-control}
            spec:
              selector: {istio: ingressgateway}
              servers:
              - port: {number: 80, name: http, protocol: HTTP}
                hosts: ["*"]
            """).Spec!.Servers.Should().ContainSingle();
    }

    public static TheoryData<string, string, string[]> Invalid() => new()
    {
        {
            "no servers",
            "selector: {istio: ingressgateway}",
            ["spec.servers: Required value: gateway must have at least one server"]
        },
        {
            "a server without hosts",
            "servers: [{port: {number: 80, protocol: HTTP, name: http}}]",
            ["spec.servers[0].hosts: Required value: server config must contain at least one host"]
        },
        {
            "a server without a port",
            "servers: [{hosts: [\"*\"]}]",
            ["spec.servers[0].port: Required value"]
        },
        {
            "a short host name",
            "servers: [{port: {number: 80, protocol: HTTP, name: http}, hosts: [travel-control/control]}]",
            ["spec.servers[0].hosts[0]: Invalid value: \"travel-control/control\": short names (non FQDN) are not allowed"]
        },
        {
            "a host's namespace that is not a DNS label",
            "servers: [{port: {number: 80, protocol: HTTP, name: http}, hosts: [\"travel_control/control.example.com\"]}]",
            ["spec.servers[0].hosts[0]: Invalid value: \"travel_control/control.example.com\": invalid namespace value \"travel_control\" in gateway"]
        },
        {
            "a partial wildcard host",
            "servers: [{port: {number: 80, protocol: HTTP, name: http}, hosts: [\"*control.example.com\"]}]",
            ["spec.servers[0].hosts[0]: Invalid value: \"*control.example.com\": partial wildcard \"*control.example.com\" not allowed"]
        },
        {
            "an HTTPS server without TLS settings",
            "servers: [{port: {number: 443, protocol: HTTPS, name: https}, hosts: [\"*\"]}]",
            ["spec.servers[0].tls: Required value: server must have TLS settings for HTTPS/TLS protocols"]
        },
        {
            "a plain HTTP server that terminates TLS",
            "servers: [{port: {number: 80, protocol: HTTP, name: http}, hosts: [\"*\"], tls: {mode: SIMPLE, credentialName: cert}}]",
            ["spec.servers[0].tls: Forbidden: server cannot have TLS settings for plain text HTTP ports"]
        },
        {
            "a TCP server with TLS settings",
            "servers: [{port: {number: 31400, protocol: TCP, name: tcp}, hosts: [\"*\"], tls: {mode: PASSTHROUGH}}]",
            ["spec.servers[0].tls: Forbidden: server cannot have TLS settings for non HTTPS/TLS ports"]
        },
        {
            "SIMPLE TLS without a certificate or a credential",
            "servers: [{port: {number: 443, protocol: HTTPS, name: https}, hosts: [\"*\"], tls: {mode: SIMPLE}}]",
            ["spec.servers[0].tls.serverCertificate: Required value: SIMPLE TLS requires a server certificate", "spec.servers[0].tls.privateKey: Required value: SIMPLE TLS requires a private key"]
        },
        {
            "mutual TLS without a client CA",
            "servers: [{port: {number: 443, protocol: HTTPS, name: https}, hosts: [\"*\"], tls: {mode: MUTUAL, serverCertificate: /c.pem, privateKey: /k.pem}}]",
            ["spec.servers[0].tls.caCertificates: Required value: MUTUAL TLS requires a client CA bundle"]
        },
        {
            "Istio's mTLS with a credential of its own",
            "servers: [{port: {number: 15443, protocol: TLS, name: tls}, hosts: [\"*\"], tls: {mode: ISTIO_MUTUAL, credentialName: cert}}]",
            ["spec.servers[0].tls.credentialName: Forbidden: ISTIO_MUTUAL TLS cannot have associated credentialName"]
        },
        {
            "a certificate revocation list with SIMPLE TLS",
            "servers: [{port: {number: 443, protocol: HTTPS, name: https}, hosts: [\"*\"], tls: {mode: SIMPLE, serverCertificate: /c.pem, privateKey: /k.pem, caCrl: /crl.pem}}]",
            ["spec.servers[0].tls.caCrl: Forbidden: CRL is not supported with SIMPLE TLS"]
        },
        {
            "one credential and a list of them",
            "servers: [{port: {number: 443, protocol: HTTPS, name: https}, hosts: [\"*\"], tls: {mode: SIMPLE, credentialName: a, credentialNames: [b]}}]",
            ["spec.servers[0].tls: Invalid value: \"object\": only one of credentialName or credentialNames can be set"]
        },
        {
            "three certificates",
            "servers: [{port: {number: 443, protocol: HTTPS, name: https}, hosts: [\"*\"], tls: {mode: SIMPLE, credentialNames: [a, b, c]}}]",
            ["spec.servers[0].tls.credentialNames: Too many: 3: must have at most 2 items"]
        },
        {
            "two servers with one port name",
            "servers:\n- {port: {number: 80, protocol: HTTP, name: http}, hosts: [\"a.example.com\"]}\n- {port: {number: 8080, protocol: HTTP, name: http}, hosts: [\"b.example.com\"]}",
            ["spec.servers[1].port.name: Duplicate value: \"http\": port names in servers must be unique"]
        },
        {
            "a protocol Istio does not know",
            "servers: [{port: {number: 21, protocol: FTP, name: ftp}, hosts: [\"*\"]}]",
            ["spec.servers[0].port.protocol: Unsupported value: \"FTP\": supported values: \"HTTP\", \"HTTPS\", \"HTTP2\", \"HTTP_PROXY\", \"GRPC\", \"GRPC-WEB\", \"TCP\", \"TLS\", \"UDP\", \"MONGO\", \"REDIS\", \"MYSQL\""]
        },
        {
            "a target port, which gateways ignore",
            "servers: [{port: {number: 80, protocol: HTTP, name: http, targetPort: 8080}, hosts: [\"*\"]}]",
            ["spec.servers[0].port.targetPort: Forbidden: targetPort has no impact on Gateways"]
        },
        {
            "port zero",
            "servers: [{port: {number: 0, protocol: HTTP, name: http}, hosts: [\"*\"]}]",
            ["spec.servers[0].port.number: Invalid value: 0: port must be between 1-65535"]
        },
        {
            "a bind address that is not an IP",
            "servers: [{port: {number: 80, protocol: HTTP, name: http}, hosts: [\"*\"], bind: localhost}]",
            ["spec.servers[0].bind: Invalid value: \"localhost\": localhost is not a valid IP"]
        },
        {
            "a Unix socket server with a port number",
            "servers: [{port: {number: 80, protocol: HTTP, name: http}, hosts: [\"*\"], bind: \"unix:///var/run/gw.sock\"}]",
            ["spec.servers[0].port.number: Invalid value: 80: port number must be 0 for unix domain socket"]
        },
        {
            "an unknown TLS version",
            "servers: [{port: {number: 443, protocol: HTTPS, name: https}, hosts: [\"*\"], tls: {mode: SIMPLE, credentialName: c, minProtocolVersion: TLSV1_4}}]",
            ["spec.servers[0].tls.minProtocolVersion: Unsupported value: \"TLSV1_4\": supported values: \"TLS_AUTO\", \"TLSV1_0\", \"TLSV1_1\", \"TLSV1_2\", \"TLSV1_3\" (did you mean \"TLSV1_0\"?)"]
        },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void An_invalid_gateway_is_refused_with_precise_errors(string why, string spec, string[] expected) =>
        Manifests.Messages(Doc("Gateway", spec)).Should().Equal(expected, why);

    [Fact]
    public void A_gateway_name_with_a_dot_is_refused()
    {
        var yaml = Doc("Gateway", "servers: [{port: {number: 80, protocol: HTTP, name: http}, hosts: [\"*\"]}]").Replace("name: test", "name: travel.gateway", StringComparison.Ordinal);
        Manifests.Messages(yaml).Should().Equal("metadata.name: Invalid value: \"travel.gateway\": invalid gateway name: \"travel.gateway\"");
    }
}
