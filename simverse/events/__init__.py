"""simverse.events"""
