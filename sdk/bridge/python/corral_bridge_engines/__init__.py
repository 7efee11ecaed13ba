"""Engines of corral's Python bridge: each module exposes `create(name, config, emit)`."""
