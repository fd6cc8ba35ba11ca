namespace Weft.Discovery.Telemetry;

/// <summary>The service a cluster stands for, as the <c>destination_service*</c> labels name it.</summary>
public sealed record ClusterTelemetry
{
    public required string Cluster { get; init; }

    /// <summary><c>destination_service</c>: the FQDN (<c>reviews.bookinfo.svc.cluster.local</c>).</summary>
    public required string Service { get; init; }

    /// <summary><c>destination_service_name</c>: the Service's name, or a ServiceEntry's host.</summary>
    public required string ServiceName { get; init; }

    /// <summary><c>destination_service_namespace</c>.</summary>
    public required string ServiceNamespace { get; init; }
}
