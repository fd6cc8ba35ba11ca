namespace Weft.Identity.Spiffe;

/// <summary>
/// Kubernetes' DNS-1123 name rules, which namespaces (labels) and service accounts (subdomains)
/// follow. They are also a strict subset of what a SPIFFE path segment may hold, so an id built
/// from valid names is always a valid SPIFFE id.
/// </summary>
internal static class KubernetesNames
{
    public const int LabelMax = 63;
    public const int SubdomainMax = 253;

    /// <summary>Why the text is not a DNS-1123 label (<c>[a-z0-9]([-a-z0-9]*[a-z0-9])?</c>, at most 63), or null.</summary>
    public static string? CheckLabel(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return "is empty";
        if (text.Length > LabelMax)
            return $"\"{text}\" is {text.Length} characters long; at most {LabelMax} are allowed";
        return CheckLabelCharacters(text, text);
    }

    /// <summary>Why the text is not a DNS-1123 subdomain (dot-separated labels, at most 253), or null.</summary>
    public static string? CheckSubdomain(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return "is empty";
        if (text.Length > SubdomainMax)
            return $"\"{text}\" is {text.Length} characters long; at most {SubdomainMax} are allowed";
        foreach (var label in text.Split('.'))
        {
            if (label.Length == 0)
                return $"\"{text}\" has an empty part between dots";
            if (CheckLabelCharacters(label, text) is { } e)
                return e;
        }
        return null;
    }

    private static string? CheckLabelCharacters(string label, string whole)
    {
        foreach (var c in label)
        {
            if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
                return $"\"{whole}\" has the character '{c}'; only lowercase letters, digits and '-' are allowed (a DNS-1123 name)";
        }
        if (label[0] == '-' || label[^1] == '-')
            return $"\"{whole}\" starts or ends with '-'; a DNS-1123 name starts and ends with a letter or digit";
        return null;
    }
}
