namespace Weft.Api.Tests.Analysis.EnvoyFilters;

public class EnvoyPatchAnalyzerTests
{
    private const string Analyzer = "envoyfilter.EnvoyPatchAnalyzer";

    private static string Filter(string name, string patches, int? priority = null) => $$"""

        ---
        apiVersion: networking.istio.io/v1alpha3
        kind: EnvoyFilter
        metadata: {name: {{name}}, namespace: travel-agency}
        spec:
        {{(priority is null ? "" : $"  priority: {priority}")}}
          configPatches:
        {{patches}}
        """;

    private const string LuaBefore = """
          - applyTo: HTTP_FILTER
            match:
              context: SIDECAR_INBOUND
              listener: {filterChain: {filter: {name: envoy.filters.network.http_connection_manager, subFilter: {name: envoy.filters.http.router}}}}
            patch:
              operation: INSERT_BEFORE
              value: {name: envoy.lua, typed_config: {"@type": type.googleapis.com/envoy.extensions.filters.http.lua.v3.Lua, inlineCode: "x"}}
        """;

    [Fact]
    public void A_relative_patch_without_a_priority_is_a_warning_and_a_priority_settles_it()
    {
        AnalyzerKit.Analyze(Analyzer, Filter("lua", LuaBefore) + Filter("lua-ordered", LuaBefore, priority: 10)).Lines().Should().Equal(
            "IST0151 EnvoyFilter travel-agency/lua: This EnvoyFilter does not have a priority and has a relative patch operation set which can cause the EnvoyFilter not to be applied. Using the INSERT_FIRST of ADD option or setting the priority may help in ensuring the EnvoyFilter is applied correctly.");
    }

    [Fact]
    public void Patching_an_object_another_filter_patches_for_some_proxy_versions_only_is_worse()
    {
        var versioned = LuaBefore.Replace("context: SIDECAR_INBOUND", "context: SIDECAR_INBOUND\n      proxy: {proxyVersion: '^1\\.2.*'}", StringComparison.Ordinal);
        AnalyzerKit.Analyze(Analyzer, Filter("lua-1-2", versioned) + Filter("lua", LuaBefore)).Lines().Should().Equal(
            "IST0151 EnvoyFilter travel-agency/lua-1-2: This EnvoyFilter does not have a priority and has a relative patch operation set which can cause the EnvoyFilter not to be applied. Using the INSERT_FIRST of ADD option or setting the priority may help in ensuring the EnvoyFilter is applied correctly.",
            "IST0155 EnvoyFilter travel-agency/lua: This EnvoyFilter does not have a priority and has a relative patch operation (NSTERT_BEFORE/AFTER, REPLACE, MERGE, DELETE) and proxyVersion set which can cause the EnvoyFilter not to be applied during an upgrade. Using the INSERT_FIRST or ADD option or setting the priority may help in ensuring the EnvoyFilter is applied correctly.");
    }

    [Fact]
    public void Operations_that_do_not_fit_what_they_apply_to_are_errors()
    {
        AnalyzerKit.Analyze(Analyzer, Filter("misfits", """
              - applyTo: HTTP_ROUTE
                match: {context: SIDECAR_OUTBOUND}
                patch: {operation: ADD, value: {name: r}}
              - applyTo: ROUTE_CONFIGURATION
                match: {context: SIDECAR_OUTBOUND}
                patch: {operation: REMOVE}
              - applyTo: CLUSTER
                match: {context: SIDECAR_OUTBOUND}
                patch: {operation: REPLACE, value: {name: c}}
            """, priority: 1)).Select(f => f.Code).Should().Equal("IST0153", "IST0154", "IST0152");
    }

    [Fact]
    public void Absolute_operations_and_merges_need_no_priority()
    {
        AnalyzerKit.Analyze(Analyzer, Filter("absolute", """
              - applyTo: HTTP_FILTER
                match: {context: SIDECAR_INBOUND}
                patch: {operation: INSERT_FIRST, value: {name: envoy.lua}}
              - applyTo: CLUSTER
                match: {context: SIDECAR_OUTBOUND}
                patch: {operation: ADD, value: {name: lua_cluster}}
              - applyTo: NETWORK_FILTER
                match: {context: SIDECAR_INBOUND}
                patch: {operation: MERGE, value: {name: envoy.filters.network.http_connection_manager}}
            """)).Should().BeEmpty();
    }
}
