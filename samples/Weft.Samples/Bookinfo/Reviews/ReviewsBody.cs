using System.Text.Json.Serialization;

namespace Weft.Samples.Bookinfo.Reviews;

/// <summary>
/// <c>GET /reviews/{id}</c>, in Istio's shape: the id as a string, the pod (host) that answered
/// and its cluster (<c>"null"</c> when CLUSTER_NAME is unset, as the Java app prints it).
/// </summary>
public sealed record ReviewsBody(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("podname")] string PodName,
    [property: JsonPropertyName("clustername")] string ClusterName,
    [property: JsonPropertyName("reviews")] IReadOnlyList<Review> Reviews);
