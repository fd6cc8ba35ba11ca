using Weft.Api.Model.Networking;
using Weft.Api.Validation.Istio;

namespace Weft.Api.Validation.Networking;

/// <summary>A direct response: an HTTP status, and a body of text or base64 bytes under 1MB.</summary>
internal static class HttpDirectResponseRules
{
    // Bodies are pushed to every proxy inside the route table; Istio refuses large ones.
    private const int MaxBody = 1024 * 1024;

    public static void Check(ErrorList errors, string path, HttpDirectResponse? response)
    {
        if (response is null)
            return;
        var statusPath = FieldPath.Child(path, "status");
        if (response.Status is not { } status)
            errors.Required(statusPath);
        else if (status is < 200 or > 600)
            errors.Invalid(statusPath, status, $"HTTP status {status} is not in range 200-599");
        if (response.Body is not { } body)
            return;
        var bodyPath = FieldPath.Child(path, "body");
        if (body.String is not null && body.Bytes is not null)
        {
            errors.Add(Crd.OneOf(bodyPath, "only one of string or bytes may be set"));
            return;
        }
        var size = body.String is { } s ? System.Text.Encoding.UTF8.GetByteCount(s) : 0;
        if (body.Bytes is { } b)
        {
            var buffer = new byte[b.Length];
            if (!Convert.TryFromBase64String(b, buffer, out size))
                errors.Schema(FieldPath.Child(bodyPath, "bytes"), "in body must be of type byte: \"" + (b.Length > 32 ? b[..32] + "..." : b) + "\"");
        }
        if (size > MaxBody)
            errors.Invalid(bodyPath, "large direct_responses may impact control plane performance, must be less than 1MB");
    }
}
