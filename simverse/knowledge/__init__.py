"""simverse.knowledge"""
