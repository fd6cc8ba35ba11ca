using Weft.Api.Binding;

namespace Weft.Api.Model.Mesh;

/// <summary>Prometheus: metrics exported on the proxies' :15090/stats/prometheus. It has no settings.</summary>
[WireNullsAreAbsent]
public sealed record PrometheusMetricsProvider;
