"""simverse.world"""
