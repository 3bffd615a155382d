package vn.haiphong.ioc.core.geo;

import org.locationtech.jts.geom.Geometry;

/** An administrative area of the city (by default one of the 15 districts), keyed by its national code. */
public record Area(String code, String name, Geometry geometry) {}
