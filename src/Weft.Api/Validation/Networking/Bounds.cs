using Weft.Api.Validation.Istio;

namespace Weft.Api.Validation.Networking;

/// <summary>
/// A CRD's <c>minimum</c> and <c>maximum</c> in the API server's full wording, which names the field,
/// the value and the bound: <c>spec.concurrency: Invalid value: -1: spec.concurrency in body should
/// be greater than or equal to 0</c>.
/// </summary>
internal static class Bounds
{
    public static FieldError? Minimum(string path, double? value, double min) =>
        Crd.Minimum(path, value, min) is { } e ? FieldError.Invalid(path, value, e.Message) : null;

    public static FieldError? Maximum(string path, double? value, double max) =>
        Crd.Maximum(path, value, max) is { } e ? FieldError.Invalid(path, value, e.Message) : null;

    public static FieldError? Between(string path, double? value, double min, double max) =>
        Minimum(path, value, min) ?? Maximum(path, value, max);
}
