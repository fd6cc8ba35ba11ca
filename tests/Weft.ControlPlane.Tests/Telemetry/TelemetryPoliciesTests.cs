using Weft.ControlPlane.Tests.Translation;
using Weft.ControlPlane.Translation;
using Weft.ControlPlane.Translation.Telemetry;
using Weft.Discovery.Telemetry;

namespace Weft.ControlPlane.Tests.Telemetry;

/// <summary>The Telemetry API in, the snapshot's telemetry slot out, with Istio's root / namespace / workload precedence.</summary>
public sealed class TelemetryPoliciesTests
{
    private const string Mesh = """
        apiVersion: v1
        kind: Service
        metadata: { name: cars, namespace: travel }
        spec:
          selector: { app: cars }
          ports: [{ name: http, port: 8000 }]
        ---
        apiVersion: networking.istio.io/v1
        kind: WorkloadEntry
        metadata:
          name: cars-v1
          namespace: travel
          annotations: { prometheus.io/scrape: "true", prometheus.io/port: "9102", prometheus.io/path: /stats }
        spec: { address: 127.20.0.1, labels: { app: cars, version: v1 }, serviceAccount: cars }
        ---
        apiVersion: telemetry.istio.io/v1
        kind: Telemetry
        metadata: { name: mesh-default, namespace: istio-system }
        spec:
          accessLogging: [{ providers: [{ name: envoy }] }]
          tracing: [{ randomSamplingPercentage: 10, customTags: { env: { literal: { value: prod } } } }]
          metrics:
          - overrides:
            - match: { metric: ALL_METRICS, mode: CLIENT }
              tagOverrides: { source_cluster: { operation: REMOVE } }
        ---
        apiVersion: telemetry.istio.io/v1
        kind: Telemetry
        metadata: { name: travel, namespace: travel }
        spec:
          accessLogging: [{ filter: { expression: "response.code >= 400" } }]
          metrics:
          - overrides:
            - match: { metric: REQUEST_COUNT, mode: SERVER }
              tagOverrides: { team: { value: "'booking'" } }
        ---
        apiVersion: telemetry.istio.io/v1
        kind: Telemetry
        metadata: { name: cars, namespace: travel }
        spec:
          selector: { matchLabels: { app: cars } }
          tracing: [{ randomSamplingPercentage: 100, customTags: { user: { header: { name: x-user, defaultValue: anonymous } } } }]
          metrics:
          - overrides:
            - match: { metric: REQUEST_DURATION }
              disabled: true
        """;

    [Fact]
    public void Overrides_of_every_level_apply_in_order_and_the_workload_level_wins_tracing()
    {
        var push = TranslationFixture.Push(Mesh);

        var t = SnapshotBuilder.Build(push, TranslationFixture.Node("cars-v1", "travel", "127.20.0.1", "app=cars,version=v1", (8000, 18000)), new HashSet<string>()).Telemetry;

        t.MetricOverrides.Should().BeEquivalentTo(new[]
        {
            new MetricOverride { Metric = "ALL_METRICS", Reporter = "source", Tags = [new TagChange { Name = "source_cluster", Remove = true }] },
            new MetricOverride { Metric = "REQUEST_COUNT", Reporter = "destination", Tags = [new TagChange { Name = "team", Value = "booking" }] },
            new MetricOverride { Metric = "REQUEST_DURATION", Disabled = true },
        }, o => o.WithStrictOrdering());
        t.TraceSamplingPercent.Should().Be(100);
        t.TraceCustomTags.Should().BeEquivalentTo(new[]
        {
            new TraceTag { Name = "env", Literal = "prod" },
            new TraceTag { Name = "user", Header = "x-user", DefaultValue = "anonymous" },
        });
        t.AccessLog.Enabled.Should().BeTrue();
        t.AccessLog.FilterExpression.Should().Be("response.code >= 400");
        t.AccessLog.ResponseCodes.Should().Equal(new CodeRange(400, 999));
        t.AppMetrics.Should().Be(new AppMetricsTarget { Address = "127.20.0.1", Port = 9102, Path = "/stats" }, "the metrics port is not one the sidecar owns: the app serves it on its address");
    }

    [Fact]
    public void A_workload_in_another_namespace_gets_only_the_mesh_defaults()
    {
        var push = TranslationFixture.Push(Mesh);

        var t = SnapshotBuilder.Build(push, TranslationFixture.Node("portal", "portal", "127.20.0.9", "app=portal"), new HashSet<string>()).Telemetry;

        t.MetricOverrides.Should().ContainSingle().Which.Metric.Should().Be("ALL_METRICS");
        t.TraceSamplingPercent.Should().Be(10);
        t.AccessLog.ResponseCodes.Should().BeEmpty();
        t.AppMetrics.Should().BeNull();
    }

    [Fact]
    public void Access_logging_disabled_in_a_namespace_turns_the_log_off()
    {
        var push = TranslationFixture.Push(Mesh + """

            ---
            apiVersion: telemetry.istio.io/v1
            kind: Telemetry
            metadata: { name: quiet, namespace: portal }
            spec:
              accessLogging: [{ disabled: true }]
            """);

        SnapshotBuilder.Build(push, TranslationFixture.Node("portal", "portal", "127.20.0.9", "app=portal"), new HashSet<string>()).Telemetry.AccessLog.Enabled.Should().BeFalse();
    }

    [Theory]
    [InlineData("response.code >= 500", "500-999")]
    [InlineData("response.code >= 400 && response.code < 500", "400-499")]
    [InlineData("response.code == 503 || response.code == 429", "429-429,503-503")]
    [InlineData("response.code != 200", "0-199,201-999")]
    public void Access_log_filters_compile_to_the_codes_they_admit(string expression, string expected)
    {
        var ranges = AccessLogFilterCompiler.Compile(expression, out var error);

        error.Should().BeNull();
        string.Join(',', ranges!.Value.Select(r => $"{r.From}-{r.To}")).Should().Be(expected);
    }

    [Fact]
    public void A_filter_on_anything_but_the_response_code_is_refused_with_the_part_that_is_not_understood()
    {
        AccessLogFilterCompiler.Compile("response.code >= 400 && request.url_path.startsWith('/api')", out var error).Should().BeNull();

        error.Should().Be("'request.url_path.startsWith('/api')' is not a comparison of response.code with a number");
    }
}
