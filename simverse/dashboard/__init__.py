"""simverse.dashboard"""
