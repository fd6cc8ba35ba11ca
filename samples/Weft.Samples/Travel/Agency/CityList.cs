using Weft.Samples.Travel.Catalogue;
using Weft.Samples.Travel.Model;

namespace Weft.Samples.Travel.Agency;

/// <summary>The city list as hotels serves it (and travels passes on): name, lat, lng, in seed order.</summary>
public static class CityList
{
    public static List<CityEntry> From(AgencyCatalogue catalogue)
    {
        var list = new List<CityEntry>(catalogue.Cities.Length);
        foreach (var c in catalogue.Cities)
            list.Add(new CityEntry(c.Name, c.Lat, c.Lng));
        return list;
    }
}
