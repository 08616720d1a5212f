package dev.ridgeline.property.web;

import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import dev.ridgeline.platform.Actor;
import dev.ridgeline.platform.GeoPoint;
import dev.ridgeline.platform.InvalidInputException;
import dev.ridgeline.property.NearbyProperty;
import dev.ridgeline.property.Property;
import dev.ridgeline.property.PropertyDetails;
import dev.ridgeline.property.PropertyService;

@RestController
@RequestMapping("/api/v1/properties")
@Tag(name = "Properties")
class PropertiesApiController {

    private final PropertyService properties;

    PropertiesApiController(PropertyService properties) {
        this.properties = properties;
    }

    @GetMapping
    @Operation(summary = "Properties by address (normalised like imports: '123 Main Street' finds '123 MAIN ST')")
    List<Property> search(Actor actor, @RequestParam(required = false) @Nullable String q,
            @RequestParam(defaultValue = "100") int limit) {
        return properties.search(actor, q, limit);
    }

    @GetMapping("/near")
    @Operation(summary = "Every located property within a radius of a point, nearest first, with its distance in miles")
    List<NearbyProperty> near(Actor actor, @RequestParam double lat, @RequestParam double lon,
            @RequestParam(defaultValue = "1") double miles, @RequestParam(defaultValue = "5000") int limit) {
        GeoPoint point;
        try {
            point = new GeoPoint(lat, lon);
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.of("lat", e.getMessage());
        }
        return properties.within(actor, point, miles, limit);
    }

    @GetMapping("/{propertyId}")
    @Operation(summary = "A property with its buildings, contacts and consent, permits at its address and storms near it")
    PropertyDetails get(Actor actor, @PathVariable UUID propertyId) {
        return properties.details(actor, propertyId);
    }
}
