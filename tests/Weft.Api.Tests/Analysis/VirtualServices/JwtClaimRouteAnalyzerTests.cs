namespace Weft.Api.Tests.Analysis.VirtualServices;

public class JwtClaimRouteAnalyzerTests
{
    private const string Analyzer = "virtualservice.JWTClaimRouteAnalyzer";

    private const string Routing = """
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata: {name: public, namespace: istio-system}
        spec:
          selector: {istio: ingressgateway}
          servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: ["*"]}]
        ---
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: control, namespace: travel-control}
        spec:
          hosts: [control.example.com]
          gateways: [istio-system/public]
          http:
          - match: [{headers: {"@request.auth.claims.group": {exact: admins}}}]
            route: [{destination: {host: control}}]
        ---
        apiVersion: networking.istio.io/v1
        kind: WorkloadEntry
        metadata: {name: ingress-vm, namespace: istio-system}
        spec:
          address: 10.0.0.5
          labels: {istio: ingressgateway}
        """;

    [Fact]
    public void Claim_routing_through_a_gateway_whose_workloads_have_no_request_authentication_is_an_error()
    {
        AnalyzerKit.Analyze(Analyzer, Routing).Lines().Should().Equal(
            "IST0149 VirtualService travel-control/control: The virtual service uses the JWT claim based routing (key: @request.auth.claims.group) but found no request authentication for the gateway (istio-system/public) pod (ingress-vm). The request authentication must first be applied for the gateway pods to validate the JWT token and make the claims available for routing.");
    }

    [Fact]
    public void A_request_authentication_for_the_gateway_workloads_satisfies_it()
    {
        AnalyzerKit.Analyze(Analyzer, Routing + """

            ---
            apiVersion: security.istio.io/v1
            kind: RequestAuthentication
            metadata: {name: jwt, namespace: istio-system}
            spec:
              selector: {matchLabels: {istio: ingressgateway}}
              jwtRules: [{issuer: "https://issuer.example.com", jwksUri: "https://issuer.example.com/jwks"}]
            """).Should().BeEmpty();
    }

    [Fact]
    public void Routing_that_reads_no_claim_needs_no_request_authentication()
    {
        AnalyzerKit.Analyze(Analyzer, Routing.Replace("@request.auth.claims.group", "x-group", StringComparison.Ordinal)).Should().BeEmpty();
    }
}
