namespace Weft.Api.Tests.Analysis.VirtualServices;

public class UnreachableRulesAnalyzerTests
{
    private const string Analyzer = "schema.ValidationAnalyzer.VirtualService";

    private static IReadOnlyList<string> Run(string spec) => AnalyzerKit.Analyze(Analyzer, $$"""
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: travels, namespace: travel-agency}
        spec:
          hosts: [travels]
        {{spec}}
        """).Lines();

    [Fact]
    public void A_rule_after_a_rule_without_matches_is_never_used()
    {
        Run("""
              http:
              - route: [{destination: {host: travels, subset: v1}}]
              - route: [{destination: {host: travels, subset: v2}}]
            """).Should().Equal(
            "IST0130 VirtualService travel-agency/travels: VirtualService rule #1 not used (only the last rule can have no matches).");
    }

    [Fact]
    public void A_match_an_earlier_rule_already_has_is_ineffective_and_a_rule_of_only_such_matches_unused()
    {
        Run("""
              http:
              - name: canary
                match: [{name: first, uri: {prefix: /travels}}]
                route: [{destination: {host: travels, subset: v2}}]
              - name: stable
                match: [{uri: {prefix: /travels}}]
                route: [{destination: {host: travels, subset: v1}}]
            """).Should().Equal(
            "IST0131 VirtualService travel-agency/travels: VirtualService rule \"stable\" match #0 is not used (duplicate/overlapping match in rule \"canary\").",
            "IST0130 VirtualService travel-agency/travels: VirtualService rule \"stable\" not used (all matches used by prior rules).");
    }

    [Fact]
    public void A_longer_prefix_after_a_shorter_one_with_the_same_conditions_is_ineffective()
    {
        Run("""
              http:
              - match: [{uri: {prefix: /travels}}]
                route: [{destination: {host: travels, subset: v1}}]
              - match: [{uri: {prefix: /travels/London}, method: {exact: GET}}]
                route: [{destination: {host: travels, subset: v2}}]
            """).Should().Equal(
            "IST0131 VirtualService travel-agency/travels: VirtualService rule #1 match #0 of prefix /travels/London is not used (duplicate/overlapping match in rule #0 of prefix /travels on #0).");
    }

    [Fact]
    public void Matches_that_differ_in_method_or_headers_are_reachable()
    {
        Run("""
              http:
              - match: [{uri: {prefix: /travels}, method: {exact: POST}}]
                route: [{destination: {host: travels, subset: v1}}]
              - match: [{uri: {prefix: /travels/London}}]
                route: [{destination: {host: travels, subset: v2}}]
              - match: [{uri: {prefix: /travels}, headers: {end-user: {exact: jason}}}]
                route: [{destination: {host: travels, subset: v2}}]
              - route: [{destination: {host: travels, subset: v1}}]
            """).Should().BeEmpty();
    }

    [Fact]
    public void Repeated_tcp_matches_are_reported_like_http_ones()
    {
        Run("""
              tcp:
              - match: [{port: 27017}]
                route: [{destination: {host: mongo, subset: v1}}]
              - match: [{port: 27017}]
                route: [{destination: {host: mongo, subset: v2}}]
            """).Should().Equal(
            "IST0131 VirtualService travel-agency/travels: VirtualService rule #1 match #0 is not used (duplicate/overlapping match in rule #0).",
            "IST0130 VirtualService travel-agency/travels: VirtualService rule #1 not used (all matches used by prior rules).");
    }
}
