using Weft.Api.Model.Telemetry;
using Weft.Api.Tests.Security;

namespace Weft.Api.Tests.Telemetry;

public class TelemetryTests
{
    private const string Rich = """
        apiVersion: telemetry.istio.io/v1
        kind: Telemetry
        metadata:
          name: mesh-default
          namespace: istio-system
        spec:
          selector:
            matchLabels:
              app: travels
          tracing:
          - match:
              mode: CLIENT
            providers:
            - name: otel-tracing
            randomSamplingPercentage: 12.5
            disableSpanReporting: false
            useRequestIdForTraceSampling: true
            enableIstioTags: true
            disableContextPropagation: false
            customTags:
              cluster:
                literal: {value: east}
              pod:
                environment: {name: POD_NAME, defaultValue: unknown}
              user:
                header: {name: x-user, defaultValue: anonymous}
              route:
                formatter: {value: "%ROUTE_NAME%"}
          metrics:
          - providers:
            - name: prometheus
            reportingInterval: 15s
            overrides:
            - match:
                metric: REQUEST_COUNT
                mode: SERVER
              disabled: false
              tagOverrides:
                request_host:
                  operation: UPSERT
                  value: request.host
                destination_port:
                  operation: REMOVE
            - match:
                customMetric: travels_quotes
              disabled: true
          accessLogging:
          - match:
              mode: CLIENT_AND_SERVER
            providers:
            - name: envoy
            disabled: false
            filter:
              expression: response.code >= 400
        ---
        apiVersion: telemetry.istio.io/v1alpha1
        kind: Telemetry
        metadata:
          name: at-gateway
          namespace: istio-ingress
        spec:
          targetRef:
            group: gateway.networking.k8s.io
            kind: Gateway
            name: ingress
            namespace: ""
          accessLogging:
          - providers: [{name: envoy}]
        ---
        apiVersion: telemetry.istio.io/v1
        kind: Telemetry
        metadata:
          name: on-services
          namespace: travel-agency
        spec:
          targetRefs:
          - group: core
            kind: Service
            name: cars
            namespace: ""
          metrics:
          - overrides:
            - disabled: true
        """;

    [Fact]
    public void A_rich_telemetry_round_trips_unchanged()
    {
        var all = Manifests.LoadAll(Rich).Cast<Model.Telemetry.Telemetry>().ToList();
        Manifests.UnsetFields([.. all]).Should().BeEmpty();
        foreach (var t in all)
            Manifests.RoundTrip(t);
        var spec = all[0].Spec!;
        spec.Tracing![0].RandomSamplingPercentage.Should().Be(12.5);
        spec.Metrics![0].Overrides![0].Match!.Metric.Should().Be(IstioMetric.RequestCount);
        spec.Metrics[0].Overrides![0].TagOverrides!["destination_port"].Operation.Should().Be(TagOperation.Remove);
        spec.AccessLogging![0].Match!.Mode.Should().Be(WorkloadMode.ClientAndServer);
    }

    [Fact]
    public void The_short_name_telemetry_finds_the_kind()
    {
        Kinds.KindRegistry.Default.FindByName("telemetry").Should().ContainSingle().Which.Kind.Should().Be("Telemetry");
    }

    public static TheoryData<string, string, string> Invalid() => new()
    {
        {
            "an UPSERT without a value",
            "metrics:\n  - overrides:\n    - tagOverrides: {foo: {operation: UPSERT}}",
            "spec.metrics[0].overrides[0].tagOverrides[foo]: Invalid value: \"object\": value must be set when operation is UPSERT"
        },
        {
            "an override without operation or value (UPSERT by default)",
            "metrics:\n  - overrides:\n    - tagOverrides: {foo: {}}",
            "spec.metrics[0].overrides[0].tagOverrides[foo]: Invalid value: \"object\": value must be set when operation is UPSERT"
        },
        {
            "a REMOVE with a value",
            "metrics:\n  - overrides:\n    - tagOverrides: {foo: {operation: REMOVE, value: x}}",
            "spec.metrics[0].overrides[0].tagOverrides[foo]: Invalid value: \"object\": value must not be set when operation is REMOVE"
        },
        {
            "a standard and a custom metric in one selector",
            "metrics:\n  - overrides:\n    - match: {metric: REQUEST_COUNT, customMetric: mine}",
            "spec.metrics[0].overrides[0].match in body must validate one and only one schema (oneOf): set metric or customMetric, not both"
        },
        {
            "sampling above 100 percent",
            "tracing:\n  - randomSamplingPercentage: 101",
            "spec.tracing[0].randomSamplingPercentage in body should be less than or equal to 100"
        },
        {
            "a custom tag with two sources",
            "tracing:\n  - customTags:\n      t: {literal: {value: a}, header: {name: b}}",
            "spec.tracing[0].customTags[t] in body must validate one and only one schema (oneOf): a custom tag has one source, not literal and header"
        },
        {
            "an environment tag without a variable name",
            "tracing:\n  - customTags:\n      t: {environment: {defaultValue: x}}",
            "spec.tracing[0].customTags[t].environment.name: Required value"
        },
        {
            "a provider without a name",
            "accessLogging:\n  - providers: [{}]",
            "spec.accessLogging[0].providers[0].name: Required value"
        },
        {
            "a reporting interval that is not a duration",
            "metrics:\n  - reportingInterval: soon",
            "spec.metrics[0].reportingInterval: Invalid value: \"soon\": must be a valid duration greater than 1ms"
        },
        {
            "an unknown standard metric",
            "metrics:\n  - overrides:\n    - match: {metric: REQUESTS}",
            "spec.metrics[0].overrides[0].match.metric: Unsupported value: \"REQUESTS\": supported values: \"ALL_METRICS\", \"REQUEST_COUNT\", \"REQUEST_DURATION\", \"REQUEST_SIZE\", \"RESPONSE_SIZE\", \"TCP_OPENED_CONNECTIONS\", \"TCP_CLOSED_CONNECTIONS\", \"TCP_SENT_BYTES\", \"TCP_RECEIVED_BYTES\", \"GRPC_REQUEST_MESSAGES\", \"GRPC_RESPONSE_MESSAGES\""
        },
        {
            "a blank access log filter",
            "accessLogging:\n  - filter: {expression: \" \"}",
            "spec.accessLogging[0].filter.expression: Invalid value: \" \": a filter expression may not be blank; remove the filter to log every request"
        },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void An_invalid_telemetry_is_refused_with_one_precise_error(string why, string spec, string expected)
    {
        var yaml = $"apiVersion: telemetry.istio.io/v1\nkind: Telemetry\nmetadata:\n  name: bad\nspec:\n  {spec}\n";
        Manifests.Messages(yaml).Should().Equal([expected], why);
    }
}
