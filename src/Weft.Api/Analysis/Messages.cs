namespace Weft.Api.Analysis;

/// <summary>
/// The message catalogue: Istio's codes, names, levels and wording (istioctl analyze users know
/// them), so findings read the same as Istio's. Ordered by code.
/// </summary>
public static partial class Messages
{
    public static readonly MessageType InternalError = new("IST0001", "InternalError", MessageLevel.Error, "Internal error: {0}");

    public static readonly MessageType Deprecated = new("IST0002", "Deprecated", MessageLevel.Warning, "Deprecated: {0}");

    public static readonly MessageType ReferencedResourceNotFound = new("IST0101", "ReferencedResourceNotFound", MessageLevel.Error, "Referenced {0} not found: \"{1}\"");

    public static readonly MessageType SchemaValidationError = new("IST0106", "SchemaValidationError", MessageLevel.Error, "Schema validation error: {0}");
}
