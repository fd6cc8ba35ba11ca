using Weft.Api.Model.Networking;
using Weft.Api.Validation.Istio;

namespace Weft.Api.Validation.Networking;

/// <summary>A redirect must change something, with a 3xx code, an http(s) scheme and a valid port.</summary>
internal static class HttpRedirectRules
{
    public static void Check(ErrorList errors, string path, HttpRedirect? redirect)
    {
        if (redirect is null)
            return;
        if (redirect.Port is not null && redirect.DerivePort is not null)
            errors.Add(Crd.OneOf(path, "only one of port or derivePort may be set"));
        if (string.IsNullOrEmpty(redirect.Uri) && string.IsNullOrEmpty(redirect.Authority) && redirect.Port is null
            && redirect.DerivePort is null && string.IsNullOrEmpty(redirect.Scheme))
            errors.Invalid(path, "redirect must specify URI, authority, scheme, or port");
        if (redirect.RedirectCode is { } code and not 0 && code is < 300 or > 399)
            errors.Invalid(FieldPath.Child(path, "redirectCode"), code, $"{code} is not a valid redirect code, must be 3xx");
        if (!string.IsNullOrEmpty(redirect.Scheme) && redirect.Scheme is not ("http" or "https"))
            errors.Invalid(FieldPath.Child(path, "scheme"), redirect.Scheme, "invalid redirect scheme, must be \"http\" or \"https\"");
        errors.Add(PortRules.IfSet(FieldPath.Child(path, "port"), redirect.Port));
    }
}
