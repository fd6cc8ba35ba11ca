namespace Weft.Api.Analysis;

/// <summary>
/// The message catalogue: Istio's codes, names, levels and wording (istioctl analyze users know
/// them), so findings read the same as Istio's. Split by area; each file is ordered by code. Only
/// the messages some Weft analyzer (or the schema step) reports are here.
/// </summary>
public static partial class Messages
{
    public static readonly MessageType InternalError = new("IST0001", "InternalError", MessageLevel.Error, "Internal error: {0}");
    public static readonly MessageType Deprecated = new("IST0002", "Deprecated", MessageLevel.Warning, "Deprecated: {0}");
    public static readonly MessageType ReferencedResourceNotFound = new("IST0101", "ReferencedResourceNotFound", MessageLevel.Error, "Referenced {0} not found: {1:q}");
    public static readonly MessageType SchemaValidationError = new("IST0106", "SchemaValidationError", MessageLevel.Error, "Schema validation error: {0}");
    public static readonly MessageType UnknownMeshNetworksServiceRegistry = new("IST0126", "UnknownMeshNetworksServiceRegistry", MessageLevel.Error, "Unknown service registry {0} in network {1}");
    public static readonly MessageType IneffectivePolicy = new("IST0167", "IneffectivePolicy", MessageLevel.Warning, "The policy has no impact: {0}.");
    public static readonly MessageType NegativeConditionStatus = new("IST0171", "NegativeConditionStatus", MessageLevel.Warning, "A condition with a negative status is present: type={0}, reason={1}, message={2}.");
}
